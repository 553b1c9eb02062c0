"""Tests for running every detector at once."""

import importlib

from hypothesis import given, settings

from moderation.detectors import DETECTORS, duplicates, find_all
from tests.moderation.detectors.helpers import assert_valid_spans, texts


def test_every_detector_module_is_named_and_exposes_find():
    for name in DETECTORS:
        module = importlib.import_module(f"moderation.detectors.{name}")
        assert callable(module.find)


def test_all_kinds_are_found_and_sorted_by_start_then_kind():
    text = (
        "Sarah Jones (jane@example.com, +44 20 7946 0958, @jdoe, example.com) "
        "lives at 221B Baker Street and my coach sent spam."
    )
    spans = find_all(text, banned=["spam"], suspect=["coach"])
    kinds = {span.kind for span in spans}
    assert kinds == {"name", "email", "phone", "handle", "link", "address", "banned", "suspect"}
    assert spans == sorted(spans, key=lambda s: (s.start, s.kind))


def test_a_repeated_long_story_is_flagged_as_a_duplicate():
    story = " ".join(f"word{i}" for i in range(60))
    spans = find_all(story, recent_fingerprints=[duplicates.fingerprint(story)])
    assert [span.kind for span in spans] == ["duplicate"]


def test_ordinary_testimony_sentences_find_nothing():
    for text in [
        "At 14 my coach touched me",
        "It happened in 2017 at work",
        "I was 8.",
        "He said it was nothing. Nothing!",
        "me too",
        "at 8, at 12, at 14 #MeToo",
    ]:
        assert find_all(text) == []


@settings(max_examples=100, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    spans = find_all(text, banned=["spam"], suspect=["sarah"], recent_fingerprints=[0])
    assert_valid_spans(text, spans, overlapping=True)


def test_warming_up_loads_every_word_list_and_the_gazetteer_once():
    from moderation.detectors import names, places, warm_up

    warm_up()
    loaded = (places.gazetteer, names.common_words, names.more_given_names, names.given_names)
    assert all(load.cache_info().currsize == 1 for load in loaded)


def test_the_new_kinds_are_found_together_and_a_public_figure_apart():
    text = (
        "When Harvey Weinstein was in the news I told my sister about my boss at Slater Inc. "
        "I grew up in Muncie and his snap is jake_9."
    )
    kinds = {span.kind for span in find_all(text)}
    assert {"public", "workplace", "place", "handle"} <= kinds
