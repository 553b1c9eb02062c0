"""Tests for the email address detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import emails
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


def test_a_plain_email_address_is_found():
    text = "write to john.doe+mt@example.co.uk if you need"
    spans = emails.find(text)
    assert texts_of(spans) == ["john.doe+mt@example.co.uk"]
    assert spans[0].kind == "email"
    assert spans[0].confidence == 1.0


def test_the_full_stop_ending_a_sentence_is_not_part_of_the_address():
    assert texts_of(emails.find("Mail me at jane@example.com.")) == ["jane@example.com"]


@pytest.mark.parametrize(
    "address",
    [
        "jane at example dot com",
        "jane [at] example [dot] org",
        "jane(at)example(dot)net",
        "jane {at} example {dot} com",
        "jane @ example . com",
        "JANE AT EXAMPLE DOT COM",
        "jane at mail dot co dot uk",
        "jane at gmail.com",
        "jane.doe at company.com",
    ],
)
def test_obfuscated_email_with_at_and_dot_words_is_found(address):
    text = f"my old address was {address} and he used it"
    assert texts_of(emails.find(text)) == [address]


def test_a_fullwidth_at_sign_and_full_stop_are_read_as_an_address():
    address = "jane\uff20example\uff0ecom"
    spans = emails.find(f"email {address}")
    assert texts_of(spans) == [address]


def test_zero_width_characters_inside_an_address_do_not_hide_it():
    address = "ja\u200bne@exam\u200dple.com"
    assert texts_of(emails.find(f"({address})")) == [address]


def test_a_spelled_out_address_stops_before_a_capitalised_next_sentence():
    assert texts_of(emails.find("jane [at] example.com. It was him")) == ["jane [at] example.com"]


@pytest.mark.parametrize(
    "text",
    [
        "I was at home. Dot was there",
        "meet at 5 at the station",
        "I worked at google.com for a year",
        "I was at school.He said nothing",
        "at 8, at 12, at 14 #MeToo",
        "At 14 my coach touched me",
        "It happened in 2017 at work",
        "I was 8.",
        "He said it was nothing. Nothing!",
        "I stayed at Home. Net result: nothing changed",
        "email me @ 5pm",
        "user@localhost",
    ],
)
def test_ordinary_sentences_are_not_emails(text):
    assert emails.find(text) == []


def test_a_looser_obfuscation_gets_a_lower_confidence():
    (plain,) = emails.find("jane@example.com")
    (bracketed,) = emails.find("jane [at] example [dot] com")
    (worded,) = emails.find("jane at gmail.com")
    assert plain.confidence > bracketed.confidence > worded.confidence


def test_two_addresses_are_two_sorted_spans():
    text = "a.b@example.org or c at example dot net"
    assert texts_of(emails.find(text)) == ["a.b@example.org", "c at example dot net"]


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, emails.find(text))


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("write to tracey.salas at gmail dot com", "tracey.salas at gmail dot com"),
        ("escríbele a ana_23 arroba gmail punto com", "ana_23 arroba gmail punto com"),
        ("son mail: paul arobase orange point fr", "paul arobase orange point fr"),
        ("jo [dot] smith [at] mail [dot] com", "jo [dot] smith [at] mail [dot] com"),
    ],
)
def test_an_address_spelled_out_in_any_language_is_found(text, address):
    assert texts_of(emails.find(text)) == [address]


def test_an_address_named_by_its_provider_is_found_without_the_domain():
    assert texts_of(emails.find("his gmail is tracey.salas if anyone needs it")) == ["tracey.salas"]


def test_a_provider_followed_by_an_ordinary_word_is_no_address():
    assert emails.find("my email is private and his gmail was hacked") == []
