"""Find phone numbers with libphonenumber, trying the regions our writers most likely dial from."""

from __future__ import annotations

import re

import phonenumbers

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "phone"

# Numbers without a "+" are read as national numbers of each region in turn; "+" numbers are
# international whichever region we try.
DEFAULT_REGIONS = ("US", "GB", "FR", "DE", "IN", "AU", "ES", "IT", "NL", "BR", "ZA", "NG")

# Fewer digits than this are ages, years, house numbers or short codes, never worth flagging.
MIN_DIGITS = 7

# A stretch of digits and the separators numbers are written with. The matcher only runs on
# these (with a little context), which keeps long texts fast; "0 6 1 2 ..." is one stretch too.
_CANDIDATE = re.compile(r"[+(]?\d(?:[\d().\-/ \t\u00a0]*\d)?")
_CONTEXT = 2


def _matches(text: str, regions: tuple[str, ...]) -> list[tuple[int, int, bool]]:
    """(start, end, international) for every valid number some region finds in ``text``."""
    found = []
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID
        ):
            if sum(c.isdigit() for c in match.raw_string) >= MIN_DIGITS:
                found.append((match.start, match.end, match.raw_string.startswith("+")))
    return found


def find(text: str, *, regions: tuple[str, ...] = DEFAULT_REGIONS) -> list[Span]:
    """Phone numbers in ``text``, sorted by start and non-overlapping."""
    norm = normalize(text)
    spans = []
    for candidate in _CANDIDATE.finditer(norm.text):
        digits = sum(c.isdigit() for c in candidate.group())
        if digits < MIN_DIGITS:
            continue
        start = max(0, candidate.start() - _CONTEXT)
        window = norm.text[start : candidate.end() + _CONTEXT]
        # A lone "+" number reads the same from any region, so one is enough (each costs ~1 ms).
        alone = candidate.group().startswith("+") and digits <= 15
        tried = regions[:1] if alone else regions
        for first, last, plus in _matches(window, tried):
            # Some regions' matches start with the space before the number.
            while first < last and window[first].isspace():
                first += 1
            spans.append(norm.span(KIND, start + first, start + last, 1.0 if plus else 0.9))
    return non_overlapping(spans)
