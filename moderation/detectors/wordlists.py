"""Find the administrators' banned and suspect words and phrases, however they are disguised."""

from __future__ import annotations

import itertools
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
# Between the words of a phrase: spaces and punctuation, but none of the leetspeak symbols, so
# a run of "@@@@" cannot be read both ways (which made matching cubic).
_BETWEEN_WORDS = r"[\s.,;:\-_*·•/'\"()]*+"


def _fold(text: str) -> Normalized:
    # Accents are dropped too: "spàm" is spam.
    return normalize(text, casefold=True, table=HOMOGLYPHS, strip_marks=True)


def _class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]" if len(chars) > 1 else re.escape(chars)


def _word_pattern(word: str) -> str:
    variants = [char + LEET.get(char, "") for char in word]
    compact = []
    for here, after in itertools.zip_longest(variants, variants[1:], fillvalue=""):
        # A letter may repeat ("spaaam"). Possessively where the next letter cannot take over
        # the same characters, so matching stays linear; a few times at most where it can
        # ("k1ll": the 1 may be an i or an l).
        repeat = "{1,6}" if set(here) & set(after) else "++"
        compact.append(_class(here) + repeat)
    if len(word) < 2:
        return "".join(compact)
    return f"(?:{''.join(compact)}|{_SPACER.join(map(_class, variants))})"


def _term_pattern(term: str) -> str | None:
    words = _fold(term).text.split()
    if not words:
        return None
    return _BETWEEN_WORDS.join(_word_pattern(w) for w in words)


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
