"""Tests for the towns and cities detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import places
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("I grew up in Muncie and everyone knows everyone", "Muncie"),
        ("she moved here from Bhiwandi last year", "Bhiwandi"),
        ("Nobody at the Swindon police believed me", "Swindon"),
        ("Crecí en Ourense y allí todos se conocen", "Ourense"),
        ("Fui a la policía de Teruel y no pasó nada", "Teruel"),
        ("Il est toujours prof à La Roche-sur-Yon.", "La Roche-sur-Yon"),
        ("Ich bin in Ribnitz-Damgarten aufgewachsen", "Ribnitz-Damgarten"),
        ("I was working near Eau Claire that year", "Eau Claire"),
        ("back in Muncie's only bar", "Muncie"),
    ],
)
def test_a_town_named_after_in_from_near_or_before_police_is_found(text, place):
    spans = places.find(text)
    assert texts_of(spans) == [place]
    assert spans[0].kind == "place"
    assert spans[0].confidence >= 0.5


def test_a_metropolis_identifies_less_than_a_small_town():
    (small,) = places.find("I grew up in Muncie")
    (large,) = places.find("I grew up in Chicago")
    assert large.confidence < small.confidence


@pytest.mark.parametrize(
    "text",
    [
        "It happened in May 2019",
        "I still have Hope",
        "Reading was my only escape",
        "He said Muncie was boring",  # no context: too often a surname or a word
        "I lost my faith in God",
        "It was just before Christmas",
        "Mein Chef sagte, es sei nur Spaß.",
        "Ich habe es 3 Mal gemeldet.",
    ],
)
def test_months_words_and_names_without_place_context_are_not_places(text):
    assert [s for s in places.find(text) if s.confidence >= 0.5] == []


def test_the_gazetteer_is_loaded_once_and_holds_towns_of_every_writer_country():
    assert places.gazetteer() is places.gazetteer()
    known = places.gazetteer()
    assert len(known) > 100_000
    for town in ("muncie", "swindon", "bhiwandi", "teruel", "roubaix", "greiz"):
        assert town in known


def test_the_data_file_says_where_its_data_comes_from_and_under_which_licence():
    head = places.PLACES_FILE.read_text(encoding="utf-8")[:600]
    assert "GeoNames" in head
    assert "Creative Commons Attribution 4.0" in head


@settings(max_examples=100, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, places.find(text))
