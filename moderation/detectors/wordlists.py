"""Find the administrators' banned and suspect words and phrases, however they are disguised."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from moderation.detectors._normalize import Normalized, non_overlapping, normalize
from moderation.detectors.spans import Span

BANNED = "banned"
SUSPECT = "suspect"

# Cyrillic, Greek and other letters that look like Latin ones (after casefolding); their
# lookalikes are the point, hence the noqa.
HOMOGLYPHS = {
    **dict(zip("аъьвсԁеёһіїјкӏмнорԛѕтуѵхԝүгп", "abbbcdeehiijklmhopqstuvxwyrn", strict=True)),
    **dict(zip("αβεηικνορτυχωγμςζ", "abenikvoptuxwyusz", strict=True)),
    **dict(zip("ıɑɡǀօս", "iagiou", strict=True)),  # noqa: RUF001
}

# Leetspeak: what each letter of a listed word may be typed as.
LEET = {
    "a": "4@",
    "b": "8",
    "e": "3€",
    "g": "9",
    "i": "1!|",
    "l": "1|",
    "o": "0",
    "s": "5$",
    "t": "7+",
    "z": "2",
}

# One of these between every pair of letters spells a word out: "s.p.a.m", "s p a m".
_SPACER = r"[\s.\-_*·•/]"


def _fold(text: str) -> Normalized:
    # Accents are dropped too: "spàm" is spam.
    return normalize(text, casefold=True, table=HOMOGLYPHS, strip_marks=True)


def _letter(char: str) -> str:
    if char in LEET:
        return "[" + re.escape(char + LEET[char]) + "]"
    return re.escape(char)


def _word_pattern(word: str) -> str:
    letters = [_letter(c) for c in word]
    # Either the word with letters repeated at will ("spaaam"), or spelled out with a spacer.
    compact = "".join(f"{letter}+" for letter in letters)
    if len(letters) < 2:
        return compact
    return f"(?:{compact}|{_SPACER.join(letters)})"


def _term_pattern(term: str) -> str | None:
    words = re.findall(r"[^\W_]+|[^\w\s]+", _fold(term).text)
    if not words:
        return None
    return r"[\W_]*".join(_word_pattern(w) for w in words)


@lru_cache(maxsize=64)
def _compile(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    patterns = {p for p in map(_term_pattern, terms) if p}
    if not patterns:
        return None
    # Longest first, so "kill yourself" wins over "kill".
    alternation = "|".join(sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")


def _find_kind(norm: Normalized, kind: str, terms: Iterable[str]) -> list[Span]:
    pattern = _compile(tuple(sorted({t for t in terms if t and t.strip()})))
    if pattern is None:
        return []
    return [
        norm.span(kind, m.start(), m.end())
        for m in pattern.finditer(norm.text)
        if m.end() > m.start()
    ]


def find(text: str, *, banned: Iterable[str] = (), suspect: Iterable[str] = ()) -> list[Span]:
    """Whole-word, case-insensitive matches of ``banned`` and ``suspect`` terms in ``text``.

    Where a banned and a suspect match overlap, the banned one is kept.
    """
    norm = _fold(text)
    found = _find_kind(norm, BANNED, banned)
    taken = non_overlapping(found)
    for span in non_overlapping(_find_kind(norm, SUSPECT, suspect)):
        if not any(span.start < t.end and t.start < span.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)
