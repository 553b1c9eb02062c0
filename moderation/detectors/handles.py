"""Find social-media handles: "@someone", "u/someone" and "insta: someone"-style mentions."""

from __future__ import annotations

import re

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.links import TLDS
from moderation.detectors.spans import Span

KIND = "handle"

# Platform names people put before a username; "x" and "line" are left out as too ambiguous.
_PLATFORM_LIST = """
    instagram insta ig snapchat snap tiktok twitter facebook fb telegram discord kik whatsapp
    reddit threads bluesky bsky youtube yt twitch onlyfans linkedin mastodon wechat skype
    tumblr pinterest venmo cashapp grindr tinder hinge bumble tik_tok
"""
PLATFORMS = tuple(p.replace("_", " ") for p in _PLATFORM_LIST.split())
_PLATFORM = "|".join(
    re.escape(p).replace(r"\ ", r"\s?") for p in sorted(PLATFORMS, key=len, reverse=True)
)

# Words that follow "my insta is ..." without being a username.
_NOT_HANDLE_LIST = """
    a an the is was are be been being it its it's this that these those my his her their our
    your me him them us we you he she they i not no yes still also just now then private
    public gone deleted down closed banned blocked fake new old full here there mine hers
    theirs same empty locked suspended deactivated hacked and or but if so on off in at to
    for of with by from about as too very really only even reported where what who how why
    when which account page profile handle username name user id different
"""
_NOT_HANDLES = frozenset(_NOT_HANDLE_LIST.split())

_NAME = r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])?"

# "@someone", but not the "@" of an address (preceded by a word character) nor "@ 5pm".
_AT_HANDLE = re.compile(rf"(?<![\w@.+-])@(?P<name>{_NAME})(?![\w@]|\.\w)")
_REDDIT = re.compile(r"(?<![\w/])/?u/[A-Za-z0-9_-]{3,20}(?![\w/-])")
_LABELLED = re.compile(
    rf"(?i)\b(?<!\w)(?:{_PLATFORM})"
    r"(?:\s+(?:handle|username|user name|user|name|id|account|acc))?"
    r"(?P<sep>\s*[:=→]\s*|\s+-\s+|\s*->\s*|\s+is\s+)"
    rf"(?P<handle>@?{_NAME})(?![\w@]|\.\w)"
)
# A bare username next to where it lives: "samuelsimpson_52 on insta", "dbray en tiktok".
_ON_PLATFORM = re.compile(
    rf"\b(?<![\w@.])(?P<handle>{_NAME})[ \t]+(?i:on|en|sur|auf|in|bei)[ \t]+(?i:{_PLATFORM})(?!\w)"
)
# "his snap is bobby_9", "her insta's bobby_9", "mi insta es bobby_9".
_IS = re.compile(
    rf"(?i)\b(?<!\w)(?:{_PLATFORM})(?:'s|\u2019s)?[ \t]+(?:is|was|es|era|est|c'est|ist|war)"
    rf"[ \t]+(?P<handle>@?{_NAME})(?![\w@]|\.\w)"
)
_TIME = re.compile(r"(?i)\d{1,2}(?:[:.h]\d{2})?(?:am|pm|h)?")


def _plausible(name: str) -> bool:
    return not (
        len(name) < 2 or name.lower() in _NOT_HANDLES or name.isdigit() or _TIME.fullmatch(name)
    )


def _word(name: str) -> bool:
    """An everyday word ("stories on Reddit", "parlait sur WhatsApp"), not a username."""
    from moderation.detectors.names import is_common

    return is_common(name)


def _domain(name: str) -> bool:
    # "@example.com" is a domain (the links detector's business), not a handle.
    return "." in name and name.rsplit(".", 1)[1].lower() in TLDS


def find(text: str) -> list[Span]:
    """Handles in ``text``, sorted by start and non-overlapping."""
    norm = normalize(text)
    spans = [
        norm.span(KIND, m.start(), m.end(), 0.9)
        for m in _AT_HANDLE.finditer(norm.text)
        if _plausible(m["name"]) and not _domain(m["name"])
    ]
    spans += [norm.span(KIND, m.start(), m.end(), 0.9) for m in _REDDIT.finditer(norm.text)]
    for match in _LABELLED.finditer(norm.text):
        handle = match["handle"]
        if _plausible(handle.lstrip("@")):
            # "my snap is cool" reads like a username less often than "snap: cool".
            confidence = 0.6 if match["sep"].strip() == "is" else 0.8
            spans.append(norm.span(KIND, match.start("handle"), match.end("handle"), confidence))
    for match in _ON_PLATFORM.finditer(norm.text):
        handle = match["handle"]
        # "him on insta", "it on tiktok": a username has a digit, an underscore, a dot, or is
        # no everyday word.
        telling = re.search(r"[\d_.]", handle) is not None
        if (
            _plausible(handle)
            and (telling or (len(handle) >= 5 and not _word(handle)))
            and handle.lower() not in _NOT_HANDLES
            and not handle[0].isupper()
        ):
            spans.append(norm.span(KIND, match.start("handle"), match.end("handle"), 0.7))
    for match in _IS.finditer(norm.text):
        if _plausible(match["handle"].lstrip("@")):
            spans.append(norm.span(KIND, match.start("handle"), match.end("handle"), 0.7))
    return non_overlapping(spans)
