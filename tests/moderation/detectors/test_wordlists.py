"""Tests for the banned and suspect word-list detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import wordlists
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of

BANNED = ["spam", "kill yourself", "slut"]
SUSPECT = ["coach", "nothing"]


def find(text):
    return wordlists.find(text, banned=BANNED, suspect=SUSPECT)


def test_a_banned_word_is_found_whatever_its_case():
    spans = find("This is SPAM.")
    assert texts_of(spans) == ["SPAM"]
    assert spans[0].kind == "banned"


def test_a_suspect_word_is_found_with_its_own_kind():
    spans = find("At 14 my coach touched me")
    assert [(s.kind, s.text) for s in spans] == [("suspect", "coach")]


def test_a_banned_phrase_is_found_across_spacing_and_disguise():
    assert texts_of(find("just kill  yourself")) == ["kill  yourself"]
    assert texts_of(find("k1ll y0ur5elf")) == ["k1ll y0ur5elf"]
    assert texts_of(find("killyourself")) == ["killyourself"]


@pytest.mark.parametrize(
    "disguised",
    [
        "sp\u200bam",
        "s\u200dp\u200da\u200dm",
        "\u0455\u0440\u0430m",
        "sp\u03b1m",
        "5p4m",
        "$pam",
        "s.p.a.m",
        "s p a m",
        "S-P-A-M",
        "spaaaam",
        "sp\u00e0m",
        "\uff53\uff50\uff41\uff4d",
        "\U0001d42c\U0001d429\U0001d41a\U0001d426",
    ],
)
def test_unicode_and_leetspeak_tricks_do_not_hide_a_banned_word(disguised):
    text = f"this is {disguised}!"
    assert texts_of(find(text)) == [disguised]


@pytest.mark.parametrize(
    "text",
    ["spammer", "antispam", "spa mornings", "sp am", "the sp.am file", "He said it was fine"],
)
def test_only_whole_words_match(text):
    assert [s for s in find(text) if s.kind == "banned"] == []


def test_a_word_that_is_both_banned_and_suspect_is_reported_as_banned():
    spans = wordlists.find("spam", banned=["spam"], suspect=["spam"])
    assert [(s.kind, s.text) for s in spans] == [("banned", "spam")]


def test_spans_are_sorted_and_map_back_to_the_original_text():
    text = "My c\u200boach said it was n0thing. \u0405PAM!"
    spans = find(text)
    assert [(s.kind, s.text) for s in spans] == [
        ("suspect", "c\u200boach"),
        ("suspect", "n0thing"),
        ("banned", "\u0405PAM"),
    ]
    assert_valid_spans(text, spans)


def test_empty_or_blank_lists_find_nothing():
    assert wordlists.find("spam", banned=[], suspect=["", "  "]) == []


def test_lists_may_be_any_iterable():
    assert texts_of(wordlists.find("spam", banned=(w for w in ["spam"]), suspect=set())) == ["spam"]


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, find(text))
