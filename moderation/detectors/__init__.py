"""Pure functions that find identifying details and abuse in a testimony's text.

Each module is named for what it finds and exposes ``find(text) -> list[Span]``.
"""

from __future__ import annotations

from collections.abc import Iterable

from moderation.detectors import (
    addresses,
    duplicates,
    emails,
    handles,
    links,
    names,
    phones,
    wordlists,
)
from moderation.detectors.spans import Span

# The detector modules find_all runs, by module name.
DETECTORS = (
    "emails",
    "phones",
    "links",
    "handles",
    "addresses",
    "names",
    "wordlists",
    "duplicates",
)


def find_all(
    text: str,
    *,
    banned: Iterable[str] = (),
    suspect: Iterable[str] = (),
    recent_fingerprints: Iterable[int] = (),
) -> list[Span]:
    """Every detector's spans over ``text``, sorted by (start, kind); kinds may overlap."""
    spans = [
        *emails.find(text),
        *phones.find(text),
        *links.find(text),
        *handles.find(text),
        *addresses.find(text),
        *names.find(text),
        *wordlists.find(text, banned=banned, suspect=suspect),
        *duplicates.find(text, recent_fingerprints=recent_fingerprints),
    ]
    return sorted(spans, key=lambda s: (s.start, s.kind))
