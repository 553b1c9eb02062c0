"""Tests for the social-media handle detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import handles
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("follow @someone_1.", "@someone_1"),
        ("he is u/someone on there", "u/someone"),
        ("he posts as /u/other_guy", "/u/other_guy"),
        ("instagram: someone", "someone"),
        ("Instagram: Some.One", "Some.One"),
        ("my insta is some.one", "some.one"),
        ("snap: xyz", "xyz"),
        ("add him on tiktok @xyz", "@xyz"),
        ("Tik Tok: abc12", "abc12"),
        ("IG handle: jane.doe.", "jane.doe"),
        ("telegram = @jdoe", "@jdoe"),
    ],
)
def test_social_media_handles_are_found(text, handle):
    spans = handles.find(text)
    assert texts_of(spans) == [handle]
    assert spans[0].kind == "handle"


def test_a_fullwidth_at_sign_still_makes_a_handle():
    assert texts_of(handles.find("\uff20someone")) == ["\uff20someone"]


def test_a_zero_width_character_inside_a_handle_is_kept_in_the_span():
    assert texts_of(handles.find("@so\u200bmeone")) == ["@so\u200bmeone"]


def test_a_handle_after_is_is_less_certain_than_after_a_colon():
    (colon,) = handles.find("snap: jdoe")
    (is_,) = handles.find("my snap is jdoe")
    assert colon.confidence > is_.confidence


@pytest.mark.parametrize(
    "text",
    [
        "email jane@example.com",
        "meet @ 5pm",
        "meet @5pm or @10:30",
        "his instagram is private",
        "her snap is gone now",
        "Snap: he did it",
        "an Instagram-famous guy",
        "@example.com",
        "#MeToo",
        "At 14 my coach touched me",
        "It happened in 2017 at work",
        "I was 8.",
        "He said it was nothing. Nothing!",
    ],
)
def test_emails_times_and_ordinary_words_are_not_handles(text):
    assert handles.find(text) == []


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, handles.find(text))


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("my ex is samuelsimpson_52 on insta", "samuelsimpson_52"),
        ("he is dbray en tiktok", "dbray"),
        ("his snap is jake.miller_9", "jake.miller_9"),
        ("@maria-cristinario kept messaging me", "@maria-cristinario"),
    ],
)
def test_a_bare_username_next_to_its_platform_is_found(text, handle):
    assert texts_of(handles.find(text)) == [handle]


@pytest.mark.parametrize(
    "text",
    [
        "I read other stories on Reddit",
        "he found me on insta",
        "on se parlait sur WhatsApp",
        "he messaged me @ 2am and @ 3am",
    ],
)
def test_everyday_words_before_a_platform_and_times_after_at_are_no_handles(text):
    assert handles.find(text) == []
