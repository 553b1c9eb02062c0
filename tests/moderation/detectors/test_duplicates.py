"""Tests for the near-duplicate (SimHash) detector."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.detectors import duplicates

STORY = (
    "When I was fourteen my swimming coach started keeping me after practice. He told me I was "
    "special and that he would help me get a scholarship if I trusted him. At first it was just "
    "hugs that lasted too long, then comments about my body in front of the other girls, and then "
    "one evening in the locker room he locked the door. I froze. I did not tell anyone for eleven "
    "years because he was loved by everyone in that town and my parents thought he was a saint. "
    "When I finally told my sister she believed me, and that is why I am writing this today."
)
OTHER_STORY = (
    "It happened at a party during my first year at university. I had two drinks and I remember "
    "a friend of a friend offering to walk me back to my dorm. The next morning I woke up in his "
    "room with no memory of the night, my clothes on the floor and bruises on my arms. I reported "
    "it to the campus office and they told me it would be my word against his. He graduated with "
    "honours. I left after the second semester and I still cannot go to parties alone."
)


def test_an_exact_duplicate_has_distance_zero_and_is_found_with_full_confidence():
    spans = duplicates.find(STORY, recent_fingerprints=[duplicates.fingerprint(STORY)])
    assert len(spans) == 1
    assert (spans[0].kind, spans[0].start, spans[0].end) == ("duplicate", 0, len(STORY))
    assert spans[0].text == STORY
    assert spans[0].confidence == 1.0


def test_case_spacing_and_punctuation_do_not_change_the_fingerprint():
    variant = "  " + STORY.upper().replace(" ", "\n\t ").replace(".", "!!") + " "
    assert duplicates.fingerprint(variant) == duplicates.fingerprint(STORY)


def test_a_story_with_a_word_changed_or_a_line_added_is_a_near_duplicate():
    original = duplicates.fingerprint(STORY)
    edited = duplicates.fingerprint(STORY.replace("saint", "hero"))
    extended = duplicates.fingerprint(STORY + " Please share this.")
    assert duplicates.is_near_duplicate(original, edited)
    assert duplicates.is_near_duplicate(original, extended)
    assert duplicates.find(STORY + " Please share this.", recent_fingerprints=[original])


def test_most_single_word_edits_of_a_hundred_word_story_stay_within_the_default_distance():
    # SimHash is noisy on texts this short: a few edits land just outside 3 bits.
    original = duplicates.fingerprint(STORY)
    words = STORY.split()
    rnd = random.Random(7)
    near = 0
    for _ in range(50):
        edited = words[:]
        edited[rnd.randrange(len(edited))] = "banana"
        near += duplicates.is_near_duplicate(original, duplicates.fingerprint(" ".join(edited)))
    assert near >= 30


def test_different_stories_are_far_apart():
    distance = duplicates.hamming(
        duplicates.fingerprint(STORY), duplicates.fingerprint(OTHER_STORY)
    )
    assert distance > 10
    assert duplicates.find(OTHER_STORY, recent_fingerprints=[duplicates.fingerprint(STORY)]) == []


def test_short_statements_are_never_duplicates():
    for text in ["me too", "Me too.", "at 8, at 12, at 14 #MeToo", "It happened to me too. " * 5]:
        assert not duplicates.eligible(text)
        assert duplicates.find(text, recent_fingerprints=[duplicates.fingerprint(text)]) == []


def test_a_text_of_forty_words_is_eligible():
    assert duplicates.eligible(" ".join(["word"] * 40))
    assert not duplicates.eligible(" ".join(["word"] * 39))


def test_hamming_counts_differing_bits_of_64():
    assert duplicates.hamming(0, 0) == 0
    assert duplicates.hamming(0b1011, 0b0001) == 2
    assert duplicates.hamming(0, (1 << 64) - 1) == 64


def test_is_near_duplicate_respects_max_distance():
    assert duplicates.is_near_duplicate(0, 0b111)
    assert not duplicates.is_near_duplicate(0, 0b1111)
    assert duplicates.is_near_duplicate(0, 0b1111, max_distance=4)


def test_fingerprints_are_64_bit_and_stable():
    value = duplicates.fingerprint(STORY)
    assert 0 <= value < 1 << 64
    assert duplicates.fingerprint("") == 0


def test_no_recent_fingerprints_means_no_duplicate():
    assert duplicates.find(STORY, recent_fingerprints=[]) == []


_words = st.lists(
    st.text(st.characters(categories=("Lu", "Ll", "Nd")), min_size=1, max_size=8),
    min_size=1,
    max_size=30,
)
_spaces = st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \r\n "]), min_size=30, max_size=30)


@settings(max_examples=150, deadline=None)
@given(_words, _spaces, st.sampled_from([str.upper, str.lower, str.swapcase, str.title]))
def test_simhash_ignores_whitespace_and_case_changes(words, spaces, change_case):
    text = " ".join(words)
    variant = "".join(change_case(word) + space for word, space in zip(words, spaces, strict=False))
    assert duplicates.fingerprint(variant) == duplicates.fingerprint(text)


@settings(max_examples=100, deadline=None)
@given(st.text(), st.lists(st.integers(0, (1 << 64) - 1), max_size=3))
def test_any_text_gives_valid_spans(text, recent):
    spans = duplicates.find(text, recent_fingerprints=[*recent, duplicates.fingerprint(text)])
    assert len(spans) == (1 if duplicates.eligible(text) else 0)
    for span in spans:
        assert text[span.start : span.end] == span.text
