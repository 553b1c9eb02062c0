"""What moderation shows the author before sending: the quick detectors' surer findings."""

import json
from pathlib import Path

import pytest

from moderation.presend import identifying_findings
from testimonies import identifying


def kinds(text, **kwargs):
    return [(f.kind, text[f.start : f.end]) for f in identifying_findings(text, **kwargs)]


def test_moderation_registers_its_finder_when_the_site_starts():
    found = identifying.find_identifying("Text me on +44 20 7946 0958")
    assert [(f.kind, f.label) for f in found] == [("phone", "a phone number")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to sam.k@example.org", [("email", "sam.k@example.org")]),
        ("His number: +44 20 7946 0958", [("phone", "+44 20 7946 0958")]),
        ("He posts as @coach_dan_88 on there", [("handle", "@coach_dan_88")]),
        ("See https://example.org/him", [("link", "https://example.org/him")]),
        ("We lived at 1187 Old Mill Rd then", [("address", "1187 Old Mill Rd")]),
        ("My manager Sarah Jones said it was a joke.", [("name", "Sarah Jones")]),
    ],
)
def test_it_finds_what_reaches_a_person(text, expected):
    assert kinds(text) == expected


def test_public_figures_are_not_held_against_the_author():
    assert kinds("I saw Harvey Weinstein on the news and cried.") == []


def test_hints_too_unsure_to_show_stay_with_the_moderator(settings):
    text = "It was at Slater Inc in Muncie."
    assert ("place", "Muncie") not in kinds(text)  # towns are not among the quick detectors
    settings.MODERATION_PRESEND_MIN_CONFIDENCE = 0.99
    assert kinds("My manager Sarah Jones said it was a joke.") == []


def test_the_phone_detector_reads_the_author_s_language():
    # Nine digits in threes: a Spanish mobile number, a million elsewhere.
    assert kinds("Me llamaba al 600 123 456 cada noche", language="es")
    assert not kinds("There were 600 123 456 of us", language="en")


def test_few_clean_texts_of_the_labelled_corpus_are_held_back():
    corpus = Path(__file__).parent / "corpus" / "corpus.jsonl"
    rows = [json.loads(line) for line in corpus.read_text().splitlines()]
    clean = [row["text"] for row in rows if row["clean"]]
    identifying_ = [row["text"] for row in rows if not row["clean"]]
    held_back = sum(1 for text in clean if identifying_findings(text))
    caught = sum(1 for text in identifying_ if identifying_findings(text))
    assert held_back / len(clean) < 0.01
    assert caught / len(identifying_) > 0.8
