"""Spot a flood of the same long story with a 64-bit SimHash over normalised word shingles."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from moderation.detectors._normalize import normalize
from moderation.detectors.spans import Span

KIND = "duplicate"

BITS = 64
_MASK = (1 << BITS) - 1

# Shorter texts are never duplicates: thousands of people rightly post the same "me too".
MIN_WORDS = 40

# Features: single words (weight 2) and word pairs (weight 1). Pairs keep some word order;
# the heavier single words keep a one-word edit of a 100-word story within 3 bits most times.
SHINGLE_WEIGHTS = {1: 2, 2: 1}

DEFAULT_MAX_DISTANCE = 3

_WORD = re.compile(r"[^\W_]+")


# Casefolding leaves the dotless i (U+0131) alone although its upper case is "I".
_CASE_TABLE = {"\u0131": "i"}


@lru_cache(maxsize=8)
def _words(text: str) -> tuple[str, ...]:
    table = None if text.isascii() else _CASE_TABLE
    return tuple(_WORD.findall(normalize(text, casefold=True, table=table, strip_marks=True).text))


def _hash(feature: str) -> int:
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


# The weighted vote of every feature on each of the 64 bits is kept in one big integer, a
# 24-bit counter per bit (a 20,000-character text weighs at most some 30,000): adding a feature
# is eight table look-ups and one addition, whatever its weight.
_LANE = 24
_SPREAD = [sum(1 << (bit * _LANE) for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def _spread(value: int) -> int:
    """``value``'s 64 bits, each in a counter of its own."""
    return sum(_SPREAD[value >> (8 * k) & 0xFF] << (8 * k * _LANE) for k in range(8))


@lru_cache(maxsize=8)
def fingerprint(text: str) -> int:
    """The SimHash of ``text``: equal for texts differing only in case, spacing or punctuation.

    The last few are kept: screening a long story asks for its fingerprint twice (to compare
    and to store), and computes it once."""
    words = _words(text)
    votes = 0
    total = 0
    for size, weight in SHINGLE_WEIGHTS.items():
        shingles = Counter(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
        for shingle, count in shingles.items():
            votes += _spread(_hash(shingle)) * (count * weight)
            total += count * weight
    if not total:
        return 0
    # A bit of the result is set when most of the weight sets it.
    half = total / 2
    mask = (1 << _LANE) - 1
    return sum(1 << bit for bit in range(BITS) if (votes >> (bit * _LANE) & mask) > half)


def hamming(a: int, b: int) -> int:
    """How many of the 64 bits differ between two fingerprints."""
    return ((a ^ b) & _MASK).bit_count()


def is_near_duplicate(a: int, b: int, *, max_distance: int = DEFAULT_MAX_DISTANCE) -> bool:
    """True when two fingerprints differ in at most ``max_distance`` bits."""
    return hamming(a, b) <= max_distance


def eligible(text: str) -> bool:
    """True when ``text`` is long enough (``MIN_WORDS`` words) for duplicate checks to be fair."""
    return len(_words(text)) >= MIN_WORDS


def find(
    text: str,
    *,
    recent_fingerprints: Iterable[int],
    max_distance: int = DEFAULT_MAX_DISTANCE,
) -> list[Span]:
    """One span over all of ``text`` when it is long and nearly repeats a recent text."""
    recent = list(recent_fingerprints)
    if not recent or not eligible(text):
        return []
    mine = fingerprint(text)
    distances = [hamming(mine, other) for other in recent]
    best = min(distances, default=max_distance + 1)
    if best > max_distance:
        return []
    # An exact repeat is certain; each differing bit makes a coincidence a little likelier.
    return [Span(KIND, 0, len(text), text, 1.0 - 0.1 * best)]
