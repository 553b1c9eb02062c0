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


def _normalize_one_character_at_a_time(text, *, casefold=False, table=None, strip_marks=False):
    """The plain definition that normalize() must agree with: walk the text a cluster (a
    character and the marks and invisible characters after it) at a time."""
    import unicodedata

    from moderation.detectors._normalize import _joins_previous

    chars, starts, ends = [], [], []
    i = 0
    while i < len(text):
        if is_invisible(text[i]):
            i += 1
            continue
        j = i + 1
        while j < len(text) and _joins_previous(text[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", "".join(c for c in text[i:j] if not is_invisible(c)))
        if casefold:
            piece = piece.casefold()
        if strip_marks:
            decomposed = unicodedata.normalize("NFKD", piece)
            piece = "".join(c for c in decomposed if not unicodedata.combining(c))
        if table:
            piece = "".join(table.get(c, c) for c in piece)
        chars.append(piece)
        starts += [i] * len(piece)
        ends += [j] * len(piece)
        i = j
    return "".join(chars), starts, ends


_TRICKY = st.sampled_from(
    [
        *"aZ .@5\u00df\u0130\ufb01\u00bd\u216b\u2460\uff4a",  # ß İ ﬁ ½ Ⅻ ① fullwidth j
        *"\u0301\u0308\u064e\u0651\u200b\u200d\ufe0f\u00ad",  # marks and invisibles
        *("\u0643\u064e", "e\u0301", "\U0001f469", "\u0649", "\u0629", "\u0131"),
    ]
)
# Arabic letter folding, a homoglyph and the dotless i, as the detectors' tables do.
_FOLD = {"\u0649": "\u064a", "\u0629": "\u0647", "a": "4", "\u0131": "i"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_TRICKY, max_size=30).map("".join),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, _FOLD]),
)
def test_normalising_a_whole_text_agrees_with_going_one_cluster_at_a_time(
    text, casefold, strip, table
):
    # The fast paths (ASCII runs, texts without marks, one answer per distinct character) are
    # only shortcuts: text and offsets are the same as the plain walk's.
    norm = normalize(text, casefold=casefold, strip_marks=strip, table=table)
    expected = _normalize_one_character_at_a_time(
        text, casefold=casefold, strip_marks=strip, table=table
    )
    assert (norm.text, list(norm.starts), list(norm.ends)) == expected


def test_latin_only_hides_other_scripts_and_keeps_every_offset():
    from moderation.detectors._normalize import OTHER_SCRIPT, latin_only

    arabic = "\u0643\u064e\u062a\u064e\u0628\u064e"  # a word with a vowel mark after each letter
    text = f"Jos\u00e9 Mu\u00f1oz e\u0301 Stra\u00dfe {arabic} \u6211 5 \u0663"
    latin = latin_only(text)
    assert len(latin) == len(text)
    assert latin.startswith("Jos\u00e9 Mu\u00f1oz e\u0301 Stra\u00dfe ")
    assert latin.endswith(f" {OTHER_SCRIPT * len(arabic)} {OTHER_SCRIPT} 5 \u0663")
    assert latin_only("plain ASCII") == "plain ASCII"
