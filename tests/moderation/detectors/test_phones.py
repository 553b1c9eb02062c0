"""Tests for the phone number detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import phones
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


@pytest.mark.parametrize(
    "number",
    [
        "+44 20 7946 0958",
        "+33 6 12 34 56 78",
        "+1 (212) 555-0123",
        "(212) 555-0123",
        "212.555.0123",
        "020 7946 0958",
        "07700 900123",
        "06 12 34 56 78",
        "06.12.34.56.78",
        "0612345678",
        "030 12345678",
        "0412 345 678",
        "+44 (0)20 7946 0958",
    ],
)
def test_a_phone_number_written_with_spaces_dots_dashes_or_brackets_is_found(number):
    spans = phones.find(f"he kept calling me from {number} every night")
    assert texts_of(spans) == [number]
    assert spans[0].kind == "phone"


def test_an_international_number_is_more_certain_than_a_national_one():
    (international,) = phones.find("+44 20 7946 0958")
    (national,) = phones.find("020 7946 0958")
    assert international.confidence > national.confidence


def test_digits_separated_by_zero_width_characters_are_still_a_number():
    number = "06\u200b12\u200b34\u200d56\u206078"
    assert texts_of(phones.find(f"call {number}")) == [number]


def test_fullwidth_digits_are_still_a_number():
    number = "\uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"
    assert texts_of(phones.find(f"call {number} now")) == [number]


def test_single_digits_separated_by_spaces_are_still_a_number():
    assert texts_of(phones.find("0 6 1 2 3 4 5 6 7 8")) == ["0 6 1 2 3 4 5 6 7 8"]


def test_two_numbers_are_two_spans_in_order():
    text = "+1 (212) 555-0123 or 07700 900123"
    assert texts_of(phones.find(text)) == ["+1 (212) 555-0123", "07700 900123"]


def test_numbers_separated_by_a_slash_are_two_spans_without_surrounding_spaces():
    text = "call 020 7946 0958 / 07700 900123"
    assert texts_of(phones.find(text)) == ["020 7946 0958", "07700 900123"]


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2017 at work",
        "I was 8.",
        "At 14 my coach touched me",
        "I was 14 in 2003 and 15 in 2004",
        "on 12/10/2017 he came back",
        "on 12.10.2017 and 2017-10-12",
        "05/06/2019 10:30",
        "between 1999 and 2001 it happened 12 times",
        "He was 45 and I was 14",
        "2017 2018 2019 2020",
        "it cost him 1,000,000 and nothing happened",
        "from 1998-2004",
        "my PIN was 123456",
        "He said it was nothing. Nothing!",
    ],
)
def test_years_ages_dates_and_short_numbers_are_not_phones(text):
    assert phones.find(text) == []


def test_a_long_text_without_numbers_is_fast_and_empty():
    assert phones.find("In 2005 I moved to 12 Baker Street at 9pm. " * 200) == []


@settings(max_examples=100, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, phones.find(text))


@pytest.mark.parametrize(
    "number",
    [
        "oh five two four nine one three three eight seven",
        "939 693 one five eight two",
        "O7700 9OO123",
        "seis uno dos tres cuatro cinco seis siete ocho",
        "zéro six un deux trois quatre cinq six sept huit",
        "null eins fünf eins vier neun sechs null acht zwei",
        "8 3 1 9 2 2 2 0 3 5",
        "five five five, two one three, nine eight seven six",
        "zero seven seven double oh nine double one two three",
        "seis cuatro cinco, treinta y dos, diecisiete, ochenta",
        "zéro six douze trente-quatre cinquante-six soixante-dix-huit",
        "null eins sieben sechs, zweiundzwanzig dreiunddreißig vierundvierzig",
    ],
)
def test_a_number_spelled_out_mixed_or_with_the_letter_o_for_zero_is_found(number):
    assert texts_of(phones.find(f"call him on {number} if you dare")) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "It happened on 03.04.2015 and again on 12.11.2016.",
        "Am 03.04.2015 um 14.30 Uhr war die Anhörung.",
        "I said no one two three times",
        "1 000 000 euros and nothing changed",
        "version 1.2.3.4 of the app",
        "I was fifteen, she was twelve, and he was forty one",
        "ages 12, 13, 14, 15, 16 and 17",
    ],
)
def test_dotted_dates_counting_and_big_amounts_are_not_phones(text):
    assert phones.find(text) == []


def test_a_long_run_of_digits_asks_the_phone_library_a_bounded_number_of_times(monkeypatch):
    calls = []
    real = phones.phonenumbers.parse
    monkeypatch.setattr(
        phones.phonenumbers, "parse", lambda *args: calls.append(args) or real(*args)
    )
    phones._valid_somewhere.cache_clear()
    text = " x ".join(f"{n:07d}" for n in range(1, 3000))
    phones.find(text)
    # Three thousand candidates, but at most a hundred are checked, in each region.
    assert len(calls) <= 100 * len(phones.DEFAULT_REGIONS)
