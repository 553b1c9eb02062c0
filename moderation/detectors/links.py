"""Find web links: http(s) URLs, www. addresses and bare domains with a well-known TLD."""

from __future__ import annotations

import re

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "link"

# A compact list of common TLDs: a bare "word.word" only counts as a domain when it ends in one
# of these, which keeps "e.g.", "a.m.", "1.2.3" and typos like "end.Then" out.
_TLD_LIST = """
    com org net edu gov mil int info biz name pro mobi app dev io co ly me tv fm gg gl to cc ai
    xyz online site website store shop blog news live life world club page link click top
    tech space email social media art design studio video cloud digital one vip wiki fun
    uk us ca au nz ie de fr es it pt nl be ch at se no dk fi is pl cz sk hu ro bg gr ru ua by
    tr il in pk bd lk np cn jp kr tw hk sg my id ph th vn br ar mx cl pe uy ve za ng ke gh
    eu asia ma tn dz eg sa ae qa lt lv ee si hr rs ba lu li mt cy su
"""
TLDS = frozenset(_TLD_LIST.split())

# TLDs that are also everyday words ("no.It", "me.so"): a bare domain ending in one of them
# needs a path or port before we call it a link.
_WORDY_TLD_LIST = (
    "at be by co id in is it me my no so to us am as do go hi ma one top fun life live page"
)
_WORDY_TLDS = frozenset(_WORDY_TLD_LIST.split())

_TRAILING = ".,;:!?'\"\u2019\u201d)]}>*"

_SCHEME_URL = re.compile(r"(?i)\b(?:https?|ftp)://[^\s<>\"'`]+")
_WWW_URL = re.compile(r"(?i)(?<![\w.@/-])www\.[^\W_](?:[\w-]*\.)+[a-z]{2,}(?:[/?#:][^\s<>\"'`]*)?")
# A real domain's TLD is typed all lower or all upper case, never "Then" after a full stop.
_TLD_WORDS = sorted(TLDS, key=len, reverse=True)
_KNOWN_TLD = "|".join(_TLD_WORDS + [tld.upper() for tld in _TLD_WORDS])
_BARE_DOMAIN = re.compile(
    r"\b(?<![\w.@/:+-])"
    rf"(?P<host>(?:[^\W_](?:[\w-]{{0,62}}[^\W_])?\.)+(?P<tld>{_KNOWN_TLD}))"
    r"(?![\w-]|\.[^\W_])"
    r"(?P<rest>(?::\d{1,5})?[/?#][^\s<>\"'`]*)?"
)


# "instagram dot com slash bobby", "facebook punto com barra ana", "tiktok point com slash x".
_SPELLED = re.compile(
    r"(?i)\b(?<![\w.])(?P<host>[^\W_][\w-]{1,62})[ \t]+(?:dot|punto|point|punkt)[ \t]+"
    rf"(?P<tld>{_KNOWN_TLD})(?![\w-])"
    r"(?:[ \t]+(?:slash|barra|schrägstrich|/)[ \t]+[\w.@-]+)*"
)


def _trim(text: str, start: int, end: int) -> int:
    """Drop sentence punctuation after a URL, keeping a ")" that closes a "(" inside it."""
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def find(text: str) -> list[Span]:
    """Links in ``text``, sorted by start and non-overlapping."""
    norm = normalize(text)
    found: list[Span] = []
    for pattern in (_SCHEME_URL, _WWW_URL):
        for match in pattern.finditer(norm.text):
            end = _trim(norm.text, match.start(), match.end())
            # "http://" followed only by punctuation is not a link.
            if norm.text[match.start() : end].rstrip("/").endswith(":"):
                continue
            found.append(norm.span(KIND, match.start(), end))
    for match in _BARE_DOMAIN.finditer(norm.text):
        tld = match["tld"]
        if tld.lower() in _WORDY_TLDS and not match["rest"] and match["host"].count(".") < 2:
            continue
        end = _trim(norm.text, match.start(), match.end())
        found.append(norm.span(KIND, match.start(), end, 0.9))
    for match in _SPELLED.finditer(norm.text):
        if match["tld"].lower() in _WORDY_TLDS and "slash" not in match.group().lower():
            continue
        end = _trim(norm.text, match.start(), match.end())
        found.append(norm.span(KIND, match.start(), end, 0.8))
    return non_overlapping(found)
