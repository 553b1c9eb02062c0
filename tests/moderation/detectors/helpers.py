"""Shared checks and Hypothesis strategies for the detector tests."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from moderation.detectors.spans import Span

# Pieces that steer random text towards the detectors' interesting paths.
FRAGMENTS = (
    "jane@example.com",
    " at ",
    " dot ",
    "[at]",
    "(dot)",
    "\uff20",  # fullwidth @
    "\uff0e",  # fullwidth .
    ".com",
    "gmail",
    "+44 20 7946 0958",
    "06 12 34 56 78",
    "2017",
    "12/10/2017",
    "https://",
    "www.",
    "bit.ly/",
    "example.co.uk",
    "@",
    "u/",
    "insta: ",
    "snap is ",
    "221B Baker Street",
    "Flat 3, ",
    "SW1A 1AA",
    "Springfield, IL 62704",
    "12 rue de la Paix",
    "Mr ",
    "Dr. ",
    "Sarah",
    " Jones",
    "May",
    '"',
    ". ",
    "\u200b",
    "\u200d",
    "\u0301",
    "\u0430",
    "ß",
    "İ",
    "ﬁ",
    "5p4m",
    "s.p.a.m",
    "\n",
)

texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.text(max_size=5), st.sampled_from(FRAGMENTS)), max_size=25).map("".join),
)


def assert_valid_spans(text: str, spans: list[Span], *, overlapping: bool = False) -> None:
    """Spans are in bounds, slice the text exactly, are sorted and (usually) disjoint."""
    for span in spans:
        assert isinstance(span, Span)
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert 0.0 <= span.confidence <= 1.0
    starts = [span.start for span in spans]
    assert starts == sorted(starts)
    if not overlapping:
        for before, after in itertools.pairwise(spans):
            assert before.end <= after.start


def texts_of(spans: list[Span]) -> list[str]:
    return [span.text for span in spans]
