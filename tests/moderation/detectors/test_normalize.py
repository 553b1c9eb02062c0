"""Tests for the offset-keeping Unicode normalisation the detectors share."""

from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.detectors._normalize import is_invisible, non_overlapping, normalize
from moderation.detectors.spans import Span


def test_ascii_text_is_returned_unchanged_with_identity_offsets():
    norm = normalize("Hello there")
    assert norm.text == "Hello there"
    assert list(norm.starts) == list(range(11))
    assert list(norm.ends) == list(range(1, 12))


def test_zero_width_characters_are_dropped_and_spans_map_back_over_them():
    text = "say sp\u200bam now"
    norm = normalize(text)
    assert norm.text == "say spam now"
    span = norm.span("x", 4, 8)
    assert span.text == "sp\u200bam"
    assert text[span.start : span.end] == span.text


def test_fullwidth_characters_become_ascii_but_spans_keep_the_original():
    text = "mail \uff4a\uff4f\uff20\uff58\uff0e\uff43\uff4f"
    norm = normalize(text)
    assert norm.text == "mail jo@x.co"
    assert norm.span("x", 5, 12).text == text[5:]


def test_a_letter_and_its_combining_accent_map_to_both_original_characters():
    text = "cafe\u0301!"
    norm = normalize(text)
    assert norm.text == "caf\u00e9!"
    assert norm.span("x", 3, 4).text == "e\u0301"


def test_casefold_and_strip_marks_and_table_apply_in_that_order():
    norm = normalize("\u0421PAM\u00c9", casefold=True, table={"\u0441": "c"}, strip_marks=True)
    assert norm.text == "cpame"


def test_an_expanding_character_maps_every_output_character_to_itself():
    norm = normalize("stra\u00dfe", casefold=True)
    assert norm.text == "strasse"
    assert norm.span("x", 4, 5).text == "\u00df"


def test_format_controls_and_variation_selectors_are_invisible():
    for char in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e\ufe0f":
        assert is_invisible(char)
    assert not is_invisible("a")
    assert not is_invisible(" ")


def test_non_overlapping_keeps_the_earliest_then_longest_span():
    spans = [Span("x", 5, 9, ""), Span("x", 0, 3, ""), Span("x", 0, 6, ""), Span("x", 7, 12, "")]
    kept = non_overlapping(spans)
    assert [(s.start, s.end) for s in kept] == [(0, 6), (7, 12)]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.booleans(), st.booleans())
def test_every_normalised_character_maps_to_a_valid_original_range(text, casefold, strip):
    norm = normalize(text, casefold=casefold, strip_marks=strip)
    assert len(norm.text) == len(norm.starts) == len(norm.ends)
    for i in range(len(norm.text)):
        assert 0 <= norm.starts[i] < norm.ends[i] <= len(text)
        span = norm.span("x", i, len(norm.text))
        assert text[span.start : span.end] == span.text


def test_the_same_text_under_two_tables_is_folded_by_each_table_not_by_the_first_remembered():
    # Normalised texts and characters are remembered per table: a text folded with one
    # detector's table must never come back to another detector folded the first one's way.
    text = "سارة ـ ٠١٢" * 3
    first = normalize(text, table={"\u0629": "\u0647"}).text
    second = normalize(text, table={"\u0640": ""}).text
    plain = normalize(text).text
    assert "\u0647" in first and "\u0629" not in first and "\u0640" in first
    assert "\u0629" in second and "\u0640" not in second
    assert "\u0629" in plain and "\u0640" in plain


def test_a_long_arabic_text_maps_every_character_back_to_where_it_came_from():
    text = "كنت في الرابعة عشرة، ولم يصدقني أحد. " * 500
    norm = normalize(text, casefold=True, strip_marks=True)
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    start = norm.text.index("يصدقني")
    span = norm.span("name", start, start + len("يصدقني"))
    assert span.text == "يصدقني"
