"""Tests for the link detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import links
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("see https://example.com/a?b=1 now", "https://example.com/a?b=1"),
        ("see http://example.com/page).", "http://example.com/page"),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("go to www.Example.org, then", "www.Example.org"),
        ("his page example.com is public", "example.com"),
        ("it was on bit.ly/xyz yesterday", "bit.ly/xyz"),
        ("she runs name.co.uk now", "name.co.uk"),
        ("EXAMPLE.COM in capitals", "EXAMPLE.COM"),
        ("look at foo.it/bar", "foo.it/bar"),
        ("t.me/someone wrote to me", "t.me/someone"),
        ("on example.com:8080/x", "example.com:8080/x"),
    ],
)
def test_urls_www_addresses_and_bare_domains_are_found(text, link):
    spans = links.find(text)
    assert texts_of(spans) == [link]
    assert spans[0].kind == "link"


def test_a_fullwidth_domain_is_found_and_kept_in_its_original_form():
    domain = "\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45\uff0e\uff43\uff4f\uff4d"
    assert texts_of(links.find(f"visit {domain}")) == [domain]


def test_a_zero_width_space_inside_a_domain_does_not_hide_it():
    assert texts_of(links.find("exa\u200bmple.com")) == ["exa\u200bmple.com"]


def test_the_domain_of_an_email_address_is_not_a_link():
    assert links.find("write to jane@example.com") == []


@pytest.mark.parametrize(
    "text",
    [
        "e.g. this, i.e. that, at 9 a.m. or 5 p.m.",
        "version 1.2.3 and v2.0",
        "It was the end.Then he left",
        "He said no.No one listened",
        "I said no.it was late",
        "the U.S. army and the U.K.",
        "I use Node.js and file.py",
        "http:// and https://",
        "At 14 my coach touched me",
        "It happened in 2017 at work",
        "I was 8.",
        "He said it was nothing. Nothing!",
    ],
)
def test_abbreviations_versions_and_sentence_punctuation_are_not_links(text):
    assert links.find(text) == []


def test_tlds_are_a_known_compact_list():
    assert {"com", "org", "uk", "ly", "io"} <= links.TLDS
    assert "then" not in links.TLDS
    assert "js" not in links.TLDS


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, links.find(text))


@pytest.mark.parametrize(
    "link",
    [
        "instagram dot com slash jake.miller_9",
        "facebook punto com barra ana_23",
        "tiktok point com slash bobby",
    ],
)
def test_a_link_spelled_out_with_dot_and_slash_is_found(link):
    assert texts_of(links.find(f"look at {link} and see")) == [link]
