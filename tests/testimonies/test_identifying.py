"""The extension point through which authors see, before sending, what may identify someone."""

import logging

import pytest

from testimonies import identifying
from testimonies.identifying import Finding


@pytest.fixture
def only(monkeypatch):
    """Run a test with exactly the finders it registers (moderation's is set aside)."""
    monkeypatch.setattr(identifying, "_finders", [])
    return identifying.register


def digits(text, *, language=None):
    """A toy finder: every run of three or more digits is "a number"."""
    import re

    return [Finding(m.start(), m.end(), "phone", "a number") for m in re.finditer(r"\d{3,}", text)]


def test_with_no_finder_registered_nothing_is_found_and_the_words_send(only):
    assert identifying.find_identifying("Call 555 0143 or mail a@b.example") == []
    assert (
        identifying.presend_check(
            kind="statement", title="", body="Call 5550143", language="en", token=None
        )
        is None
    )


def test_a_registered_finder_finds_spans_with_their_label(only):
    only(digits)
    assert identifying.find_identifying("Call 5550143 now") == [Finding(5, 12, "phone", "a number")]


def test_registering_twice_runs_the_finder_once(only):
    only(digits)
    only(digits)
    assert len(identifying.find_identifying("5550143")) == 1


def test_overlapping_findings_keep_the_longest_of_those_starting_first(only):
    only(digits)
    only(lambda text, *, language=None: [Finding(0, 4, "name", "a name")])
    only(lambda text, *, language=None: [Finding(2, 9, "handle", "an account")])
    found = identifying.find_identifying("1234567890")
    assert [(f.start, f.end, f.kind) for f in found] == [(0, 10, "phone")]


def test_a_finder_gets_the_language_of_the_words(only):
    seen = []
    only(lambda text, *, language=None: seen.append(language) or [])
    identifying.find_identifying("Hola", language="es")
    assert seen == ["es"]


def test_a_failing_finder_never_stops_the_words_and_never_logs_them(only, caplog):
    def broken(text, *, language=None):
        raise ValueError(f"cannot read {text}")

    only(broken)
    only(digits)
    with caplog.at_level(logging.WARNING):
        found = identifying.find_identifying("My secret 5550143")
    assert [f.kind for f in found] == ["phone"]
    assert "ValueError" in caplog.text
    assert "secret" not in caplog.text and "5550143" not in caplog.text


def test_findings_outside_the_text_are_dropped(only):
    only(lambda text, *, language=None: [Finding(3, 99, "name", "a name")])
    assert identifying.find_identifying("short") == []


def test_segments_cut_the_words_into_plain_and_marked_pieces(only):
    only(digits)
    text = "Call 555 0143, or 5550143."
    pieces = identifying.segments(text, identifying.find_identifying(text))
    assert "".join(p.text for p in pieces) == text
    assert [p.text for p in pieces if p.finding] == ["555", "0143", "5550143"]


def test_the_preview_marks_the_title_and_the_words_and_lists_what_was_found(only):
    only(digits)
    preview = identifying.preview(title="Room 101", body="Call 5550143", language="en")
    assert [s.text for s in preview.found] == ["101", "5550143"]
    assert identifying.preview(title="", body="Nothing here", language="en") is None


# --- "Send as it is" is bound to the exact words ----------------------------------------------


def test_the_token_lets_exactly_the_words_it_was_made_for_be_sent_as_they_are(only):
    only(digits)
    token = identifying.send_as_is_token(title="", body="Call 5550143")
    assert identifying.send_as_is_confirmed(token, title="", body="Call 5550143")
    assert (
        identifying.presend_check(
            kind="statement", title="", body="Call 5550143", language="en", token=token
        )
        is None
    )


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("", "Call 5550144"),  # one digit changed
        ("", "Call 5550143 "),  # one space added
        ("Call", " 5550143"),  # the same characters, moved from the words to the title
    ],
)
def test_any_change_to_the_words_means_they_are_checked_again(only, title, body):
    only(digits)
    token = identifying.send_as_is_token(title="", body="Call 5550143")
    assert not identifying.send_as_is_confirmed(token, title=title, body=body)
    assert identifying.presend_check(
        kind="story", title=title, body=body, language="en", token=token
    )


@pytest.mark.parametrize("token", [None, "", "0" * 64, "not a token"])
def test_a_missing_or_forged_token_confirms_nothing(only, token):
    only(digits)
    assert not identifying.send_as_is_confirmed(token, title="", body="Call 5550143")


def test_the_token_is_the_site_s_own_a_page_cannot_make_one(settings):
    token = identifying.send_as_is_token(title="", body="Call 5550143")
    settings.SECRET_KEY = "another-site-" + "x" * 50
    assert identifying.send_as_is_token(title="", body="Call 5550143") != token


def test_a_bare_metoo_is_never_checked(only):
    only(lambda text, *, language=None: [Finding(0, 1, "name", "a name")])
    # (A form never sends a "me too" with words; were it to, they would not be checked.)
    assert (
        identifying.presend_check(kind="metoo", title="", body="Sam", language="en", token=None)
        is None
    )
    assert identifying.presend_check(
        kind="statement", title="", body="Sam", language="en", token=None
    )
