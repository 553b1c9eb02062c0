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


@lru_cache(maxsize=8)
def fingerprint(text: str) -> int:
    """The SimHash of ``text``: equal for texts differing only in case, spacing or punctuation.

    The last few are kept: screening a long story asks for its fingerprint twice (to compare
    and to store), and computes it once."""
    words = _words(text)
    # One 64-character bit string per feature, repeated by its weight; a bit of the result is
    # set when most strings set it (the usual signed sum, counted by C code).
    rows: list[str] = []
    for size, weight in SHINGLE_WEIGHTS.items():
        shingles = Counter(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
        for shingle, count in shingles.items():
            rows += [format(_hash(shingle), f"0{BITS}b")] * (count * weight)
    if not rows:
        return 0
    half = len(rows) / 2
    columns = zip(*rows, strict=True)
    return int("".join("1" if column.count("1") > half else "0" for column in columns), 2)


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
