"""Turns whatever a browser sent into the plain text we store: the one input boundary.

Every step is linear in the input, so that no text, however hostile, costs more than a few
tens of milliseconds to clean (`manage.py bench_cleaning` shows the worst inputs tried).
"""

import bisect
import html
import itertools
import re
import unicodedata

import bleach

# C0 and C1 control characters except tab and newline: PostgreSQL refuses NUL outright, and the
# others only ever hide or garble text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can make text read differently from what it says.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Where HTML can open a tag, a comment or a declaration: "<" then a letter, "/", "!" or "?".
# Any other "<" is text to an HTML parser too, but costly text: each is a parse error.
_MARKUP_OPENING = re.compile(r"<[A-Za-z/!?]")
_MARKUP_OPENING_CHAR = re.compile(r"<(?=[A-Za-z/!?])")
_LONE_OPENING = re.compile(r"<(?![A-Za-z/!?])")
# Beyond these, a text is a markup flood rather than a story with some tags pasted in. The
# HTML parser's cost grows with the square of a tag's length (each attribute is compared with
# every earlier one), so the tags' lengths squared are what is budgeted: a story may carry a
# dozen long links, or a thousand short tags, but not a hundred tags of a hundred attributes.
MAX_MARKUP_OPENINGS = 1000
TAG_COST_BUDGET = 1000**2
# Characters that may stand in for a lone "<" or a "&" while the parser reads the text.
_STAND_INS = range(0xE000, 0xF900)


def _markup_flood(text: str) -> bool:
    """Too many places where a tag could open, or one that runs on for too long."""
    openings = [match.start() for match in _MARKUP_OPENING.finditer(text)]
    if len(openings) > MAX_MARKUP_OPENINGS:
        return True
    closings = [index for index, char in enumerate(text) if char == ">"] if openings else []
    cost = 0
    for start in openings:
        # The first ">" after the opening; bisect keeps the whole check linear.
        after = bisect.bisect_left(closings, start)
        end = closings[after] if after < len(closings) else len(text)
        cost += (end - start) ** 2
        if cost > TAG_COST_BUDGET:
            return True
    return False


def strip_markup(text: str) -> str:
    """Remove HTML tags, keeping their text; the only place that knows we use bleach.

    bleach hands back HTML-escaped text, so it is unescaped again: we store plain text and
    Django escapes it on output. A markup flood (see _markup_flood) is not parsed: each "<"
    that could open markup becomes a single left angle quotation mark (U+2039), so no tag
    survives, in linear time.
    """
    if "<" not in text:
        return text
    if _markup_flood(text):
        return _MARKUP_OPENING_CHAR.sub("\u2039", text)
    # A "<" that opens nothing, and every "&", are set aside for the parse, so that a text full
    # of them costs what plain text costs (the parser spends on each; entities are decoded
    # below all the same). The stand-ins are characters the text does not contain.
    present = set(text)
    lone, ampersand = itertools.islice(
        (chr(code) for code in _STAND_INS if chr(code) not in present), 2
    )
    text = _LONE_OPENING.sub(lone, text).replace("&", ampersand)
    cleaned = bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
    # bleach escaped what it kept; the stand-ins come back as what they stood for.
    cleaned = html.unescape(cleaned).replace(lone, "<").replace(ampersand, "&")
    return html.unescape(cleaned)


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
    # Line by line rather than a regular expression such as "[ \t]+\n", which backtracks over
    # a long run of spaces once per space (20,000 spaces took half a second).
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()
