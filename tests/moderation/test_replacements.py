"""What a moderator may put in place of a redacted detail."""

import pytest

from moderation import replacements


@pytest.mark.parametrize(
    ("key", "kind", "words"),
    [
        ("role:my-uncle", "name", "my uncle"),
        ("role:a-teacher", "name", "a teacher"),
        ("place:a-school", "workplace", "a school"),
        ("place:a-town", "place", "a town"),
        ("placeholder", "phone", "[phone number removed]"),
        ("placeholder", "suspect", "[removed]"),
        ("removed", "name", "[removed]"),
    ],
)
def test_each_choice_puts_its_words_in_the_text(key, kind, words):
    assert replacements.replacement_text(key=key, kind=kind, language="en") == words


def test_the_words_are_in_the_testimony_s_language_not_the_moderator_s():
    words = replacements.replacement_text(key="placeholder", kind="name", language="es")
    assert words == "[nombre eliminado]"


@pytest.mark.parametrize(
    "words", ["her coach", "la tante", "my ex-boss", "O'Brien's friend", "عمي"]
)
def test_a_moderator_s_own_words_may_be_letters(words):
    assert replacements.replacement_text(key="", kind="name", language="en", own_words=words) == (
        words
    )


@pytest.mark.parametrize(
    "words",
    [
        "room 12",
        "07700 900123",
        "me@example.org",
        "example.org",
        "twitter/handle",
        "@handle",
        "a  b",
        "x" * 41,
        "under_score",
    ],
)
def test_own_words_cannot_carry_a_number_an_address_or_a_link(words):
    assert not replacements.own_words_allowed(words)
    with pytest.raises(ValueError):
        replacements.replacement_text(key="", kind="name", language="en", own_words=words)


def test_an_unknown_key_is_refused():
    assert not replacements.is_choice("role:the-president")
    with pytest.raises(ValueError):
        replacements.replacement_text(key="role:the-president", kind="name", language="en")


def test_every_choice_offered_is_one_the_server_accepts():
    for _group, options in replacements.choices(kind="name", language="en"):
        for key, words in options:
            assert replacements.is_choice(key), key
            assert words == replacements.replacement_text(key=key, kind="name", language="en")
