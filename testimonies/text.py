"""Turns whatever a browser sent into the plain text we store: the one input boundary."""

import html
import re
import unicodedata

import bleach

# C0 and C1 control characters except tab and newline: PostgreSQL refuses NUL outright, and the
# others only ever hide or garble text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can make text read differently from what it says.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def strip_markup(text: str) -> str:
    """Remove HTML tags, keeping their text; the only place that knows we use bleach.

    bleach hands back HTML-escaped text, so it is unescaped again: we store plain text and
    Django escapes it on output.
    """
    if "<" not in text:
        return text
    return html.unescape(
        bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
    )


def _without_controls(text: str) -> str:
    return _BIDI.sub("", _CONTROL.sub("", text))


def clean_text(raw: str) -> str:
    """Plain, normalised text: no markup, no control characters, tidy line breaks."""
    # Lone surrogates cannot be stored as UTF-8 (PostgreSQL would refuse the row).
    text = raw.encode("utf-8", "replace").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Controls go before the markup is parsed (so none can hide a tag) and after (an entity
    # such as &#127; may have produced one).
    text = _without_controls(strip_markup(_without_controls(text)))
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()
