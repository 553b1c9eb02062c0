import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from testimonies.text import clean_text


def test_markup_is_stripped_but_its_words_are_kept():
    assert clean_text("<b>He</b> said <a href='x'>nothing</a>") == "He said nothing"


def test_script_tags_never_survive():
    assert "<script" not in clean_text("<script>alert(1)</script>it happened")


def test_angle_brackets_and_ampersands_that_are_not_markup_stay_as_written():
    assert clean_text("I was < 10 & he was > 30. <3") == "I was < 10 & he was > 30. <3"


def test_nul_and_control_characters_are_removed():
    assert clean_text("me\x00 too\x07\x1b") == "me too"


def test_bidi_overrides_cannot_reverse_what_a_reader_sees():
    assert clean_text("abc\u202edef") == "abcdef"


def test_line_breaks_are_kept_and_tidied():
    assert clean_text("first\r\n\r\n\r\n\r\nsecond  \nthird") == "first\n\nsecond\nthird"


def test_lone_surrogates_become_a_replacement_not_an_error():
    assert clean_text("a\ud800b").encode("utf-8")


@given(st.text())
def test_cleaned_text_has_no_controls_and_cleaning_again_changes_nothing(raw):
    cleaned = clean_text(raw)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in cleaned)
    cleaned.encode("utf-8")
    assert clean_text(cleaned) == cleaned


def test_entities_are_decoded_once_into_the_characters_they_stand_for():
    assert clean_text("<b>Tom &amp; Jerry</b> &lt;3 &amp;lt;") == "Tom & Jerry <3 &lt;"


def test_characters_the_parser_is_spared_come_back_as_typed():
    # The private-use characters stand in for "<" and "&" during the parse: text that already
    # holds them must keep them.
    text = "\ue000 < 10 & \ue001 <i>x</i>"
    assert clean_text(text) == "\ue000 < 10 & \ue001 x"


def test_a_flood_of_tags_keeps_no_tag_and_the_words_between_them():
    flood = "<a href='x'>word</a> " * 1500
    cleaned = clean_text(flood)
    assert "<a" not in cleaned and "</a" not in cleaned
    assert cleaned.count("word") == 1500


def test_one_endless_tag_opens_nothing():
    cleaned = clean_text("<a" + " a" * 9999)
    assert "<a" not in cleaned


def test_a_long_run_of_spaces_before_the_end_is_trimmed():
    assert clean_text("me too" + " \t" * 10000 + "\nagain") == "me too\nagain"
