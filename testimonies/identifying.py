"""What in an author's words may identify someone, shown to them before their words are sent.

The testimonies app does not know how to find a phone number or a name: that is moderation's
business. Moderation registers a finder here when it starts (moderation/apps.py); with none
registered, nothing is found and every form sends at once. An author who has seen the findings
may send exactly those words as they are: a token bound to the words says so, and any change
to them means they are checked again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Testimony

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """``text[start:end]`` may identify someone: ``label`` says what it looks like ("a phone
    number"), for the author; ``kind`` is its short name ("phone"), for the page's style."""

    start: int
    end: int
    kind: str
    label: str


# finder(text, *, language) -> findings in that text; language is a code of settings.LANGUAGES.
Finder = Callable[..., Iterable[Finding]]

_finders: list[Finder] = []


def register(finder: Finder) -> Finder:
    """Add a finder (once, however often it is registered); usable as a decorator."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def unregister(finder: Finder) -> None:
    if finder in _finders:
        _finders.remove(finder)


def find_identifying(text: str, *, language: str | None = None) -> list[Finding]:
    """Every registered finder's findings in ``text``, by position, none overlapping another
    (the longer of two that start together is kept)."""
    if not text:
        return []
    found = []
    for finder in _finders:
        try:
            found.extend(finder(text, language=language))
        except Exception as error:
            # The author must be able to send whatever a finder does: a moderator reads it anyway.
            # The type of the error only: never the words.
            logger.warning("A finder of identifying details failed (%s)", type(error).__name__)
    kept, cursor = [], 0
    for finding in sorted(found, key=lambda f: (f.start, -f.end)):
        if finding.start >= cursor and 0 <= finding.start < finding.end <= len(text):
            kept.append(finding)
            cursor = finding.end
    return kept


@dataclass(frozen=True)
class Segment:
    """A piece of the author's words for display: plain, or a finding to mark."""

    text: str
    finding: Finding | None = None


def segments(text: str, findings: list[Finding]) -> list[Segment]:
    """``text`` cut into plain pieces and findings (which find_identifying keeps apart)."""
    pieces, cursor = [], 0
    for finding in findings:
        if finding.start > cursor:
            pieces.append(Segment(text[cursor : finding.start]))
        pieces.append(Segment(text[finding.start : finding.end], finding))
        cursor = finding.end
    if cursor < len(text):
        pieces.append(Segment(text[cursor:]))
    return pieces


@dataclass(frozen=True)
class Preview:
    """An author's title and words with what may identify someone marked, and the token that
    lets them send exactly these words as they are."""

    title: list[Segment]
    body: list[Segment]
    findings: list[Finding]
    token: str

    @property
    def found(self) -> list[Segment]:
        """The marked pieces, title first: what was found, in the author's own words."""
        return [segment for segment in self.title + self.body if segment.finding]


def preview(*, title: str, body: str, language: str | None = None) -> Preview | None:
    """The findings in a title and words, marked; None when nothing was found."""
    in_title = find_identifying(title, language=language)
    in_body = find_identifying(body, language=language)
    if not in_title and not in_body:
        return None
    return Preview(
        title=segments(title, in_title),
        body=segments(body, in_body),
        findings=in_title + in_body,
        token=send_as_is_token(title=title, body=body),
    )


def send_as_is_token(*, title: str, body: str) -> str:
    """A token only this site can make, for these exact words: whoever holds it has been shown
    what was found in them. The page holds the words anyway; the token adds nothing to read."""
    return salted_hmac(
        "testimonies.identifying.send_as_is", f"{title}\x00{body}", algorithm="sha256"
    ).hexdigest()


def send_as_is_confirmed(token: str | None, *, title: str, body: str) -> bool:
    """Whether the author chose to send these exact words as they are."""
    return bool(token) and constant_time_compare(token, send_as_is_token(title=title, body=body))


def presend_check(
    *, kind: str, title: str, body: str, language: str | None, token: str | None
) -> Preview | None:
    """What to show the author before their words are sent: None to send them now (a bare
    "me too" has no words; nothing was found; or they chose to send these words as they are)."""
    if kind == Testimony.Kind.METOO or send_as_is_confirmed(token, title=title, body=body):
        return None
    return preview(title=title, body=body, language=language)
