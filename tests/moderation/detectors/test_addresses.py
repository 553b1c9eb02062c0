"""Tests for the street address detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import addresses
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("He lived at 221B Baker Street.", "221B Baker Street"),
        ("his office, 1600 Pennsylvania Ave NW", "1600 Pennsylvania Ave NW"),
        ("at 10 Downing Street that night", "10 Downing Street"),
        ("near 14 High St. He", "14 High St."),
        ("12 rue de la Paix, Paris", "12 rue de la Paix"),
        ("Flat 3, 14 High St", "Flat 3, 14 High St"),
        ("in Apartment 4B upstairs", "Apartment 4B"),
        ("in apt 12 downstairs", "apt 12"),
        ("London SW1A 1AA", "SW1A 1AA"),
        ("Springfield, IL 62704", "Springfield, IL 62704"),
        ("Via Roma, 12", "Via Roma, 12"),
        ("in der Hauptstra\u00dfe 5", "Hauptstra\u00dfe 5"),
        ("Berliner Str. 12", "Berliner Str. 12"),
        ("Prinsengracht 263", "Prinsengracht 263"),
        ("write to PO Box 1234", "PO Box 1234"),
    ],
)
def test_street_addresses_in_common_formats_are_found(text, address):
    spans = addresses.find(text)
    assert texts_of(spans) == [address]
    assert spans[0].kind == "address"


def test_the_parts_of_one_address_become_one_span():
    text = "1600 Pennsylvania Ave NW, Washington, DC 20500"
    assert texts_of(addresses.find(text)) == [text]


def test_fullwidth_digits_in_a_street_number_are_read():
    text = "\uff11\uff12 Baker Street"
    assert texts_of(addresses.find(text)) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "At 14 my coach touched me",
        "at 14 years old",
        "it happened 3 times",
        "It happened in 2017 at work",
        "I was 8.",
        "He said it was nothing. Nothing!",
        "in Spring 2017",
        "I lived in a flat 2 years ago",
        "we talked at 10 via Zoom",
        "I WAS 14 AT THE TIME",
        "He was 45 and I was 14",
        "we met 3 Fridays in a row",
        "at 14 Central Park",
    ],
)
def test_ages_counts_and_years_are_not_addresses(text):
    assert addresses.find(text) == []


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, addresses.find(text))


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Il habitait rue Girard, juste au-dessus du café.", "rue Girard"),
        ("Er wohnte am Lachmannring, gleich neben der Schule.", "Lachmannring"),
        ("We met at his place on Juarez Alley.", "Juarez Alley"),
        ("Pasó en el piso de Cuesta de Pánfilo Marqués", "Cuesta de Pánfilo Marqués"),
        ("It happened at H.No. 52, Date Nagar last year", "H.No. 52, Date Nagar"),
        ("He lived at 6974 Ramirez Ferry Apt. 241, two doors down", "6974 Ramirez Ferry Apt. 241"),
        ("Ingo-Reuter-Gasse 58/72, 21657 Ravensburg", "Ingo-Reuter-Gasse 58/72, 21657 Ravensburg"),
        ("the apartment on 41st and Maple, second floor", "41st and Maple"),
        ("vivía en la calle Goya número 14", "calle Goya número 14"),
    ],
)
def test_streets_without_a_number_other_street_types_and_indian_addresses_are_found(text, address):
    assert texts_of(addresses.find(text)) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "mein Arbeitsplatz war die Hölle",
        "I was 14, Sarah was 15",
        "Wandering home that night I cried",
        "à la place de Marie",
        "Smith and Jones were there.",
        "we talked via Zoom 2 times",
    ],
)
def test_everyday_nouns_that_end_like_a_street_and_ages_are_not_addresses(text):
    assert addresses.find(text) == []
