"""What a moderator may put in place of a redacted detail: a role, a type of place, a
placeholder, or a few words of their own that cannot carry a number, an address or a link.

Each choice is a key ("role:uncle") so a form posts nothing but a key; the words are rendered
in the testimony's language, since they go into the author's text, not the moderator's page.
"""

import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The placeholder for each kind of finding: the default choice, and what "[removed]" means.
PLACEHOLDERS = {
    "name": _("[name removed]"),
    "email": _("[email removed]"),
    "phone": _("[phone number removed]"),
    "address": _("[address removed]"),
    "link": _("[link removed]"),
    "handle": _("[account removed]"),
    "place": _("[place removed]"),
    "workplace": _("[workplace removed]"),
    "public": _("[public figure]"),
}
DEFAULT_PLACEHOLDER = _("[removed]")

# Who someone was to the author, without saying who they are.
ROLES = {
    "someone": _("someone"),
    "a-man": _("a man"),
    "a-woman": _("a woman"),
    "a-stranger": _("a stranger"),
    "a-relative": _("a relative"),
    "my-father": _("my father"),
    "my-mother": _("my mother"),
    "my-stepfather": _("my stepfather"),
    "my-brother": _("my brother"),
    "my-uncle": _("my uncle"),
    "my-cousin": _("my cousin"),
    "my-grandfather": _("my grandfather"),
    "my-partner": _("my partner"),
    "my-ex": _("my ex-partner"),
    "a-friend": _("a friend"),
    "a-neighbour": _("a neighbour"),
    "a-classmate": _("a classmate"),
    "a-teacher": _("a teacher"),
    "a-coach": _("a coach"),
    "a-colleague": _("a colleague"),
    "my-manager": _("my manager"),
    "a-customer": _("a customer"),
    "a-doctor": _("a doctor"),
    "a-religious-leader": _("a religious leader"),
    "an-officer": _("an officer"),
}

# What kind of place it was, without saying which.
PLACES = {
    "a-place": _("a place"),
    "a-town": _("a town"),
    "a-city": _("a city"),
    "a-village": _("a village"),
    "a-country": _("a country"),
    "a-street": _("a street"),
    "a-home": _("a home"),
    "a-school": _("a school"),
    "a-university": _("a university"),
    "a-workplace": _("a workplace"),
    "an-office": _("an office"),
    "a-shop": _("a shop"),
    "a-restaurant": _("a restaurant"),
    "a-bar": _("a bar"),
    "a-hotel": _("a hotel"),
    "a-hospital": _("a hospital"),
    "a-place-of-worship": _("a place of worship"),
    "a-club": _("a club"),
    "a-gym": _("a gym"),
    "a-park": _("a park"),
    "a-station": _("a station"),
    "a-military-base": _("a military base"),
}

PLACEHOLDER = "placeholder"
REMOVED = "removed"

# A moderator's own words: letters, with single spaces, apostrophes or hyphens between them.
# No digits, "@", "." or "/", so no number, address, handle or link can be typed in.
OWN_WORDS_MAX_LENGTH = 40
_OWN_WORDS = re.compile(r"[^\W\d_]+(?:[ '\u2019-][^\W\d_]+)*")


def own_words_allowed(words: str) -> bool:
    return len(words) <= OWN_WORDS_MAX_LENGTH and _OWN_WORDS.fullmatch(words) is not None


def choices(*, kind: str, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The choices for one finding, grouped: the group names in the moderator's language, the
    words in the testimony's, as they would go into its text."""
    with translation.override(language):
        placeholders = [
            (PLACEHOLDER, str(PLACEHOLDERS.get(kind, DEFAULT_PLACEHOLDER))),
            (REMOVED, str(DEFAULT_PLACEHOLDER)),
        ]
        if kind not in PLACEHOLDERS:
            placeholders = placeholders[:1]
        roles = [(f"role:{key}", str(words)) for key, words in ROLES.items()]
        places = [(f"place:{key}", str(words)) for key, words in PLACES.items()]
    return [(_("Placeholder"), placeholders), (_("A person"), roles), (_("A place"), places)]


def is_choice(key: str) -> bool:
    group, _sep, name = key.partition(":")
    if group == "role":
        return name in ROLES
    if group == "place":
        return name in PLACES
    return key in (PLACEHOLDER, REMOVED)


def replacement_text(*, key: str, kind: str, language: str, own_words: str = "") -> str:
    """The words that go into the text, in the testimony's language: the moderator's own words
    when given (checked by own_words_allowed), else the chosen key's."""
    if own_words:
        if not own_words_allowed(own_words):
            raise ValueError("own words must be letters only")
        return own_words
    if not is_choice(key):
        raise ValueError(f"unknown replacement {key!r}")
    group, _sep, name = key.partition(":")
    words = {
        "role": lambda: ROLES[name],
        "place": lambda: PLACES[name],
        REMOVED: lambda: DEFAULT_PLACEHOLDER,
        PLACEHOLDER: lambda: PLACEHOLDERS.get(kind, DEFAULT_PLACEHOLDER),
    }[group]()
    with translation.override(language):
        return str(words)
