"""Pure functions that find identifying details and abuse in a testimony's text.

Each module is named for what it finds and exposes ``find(text) -> list[Span]``; word lists and
duplicates also take what they compare against.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from functools import cache
from types import ModuleType

from moderation.detectors import (
    addresses,
    arabic_names,
    duplicates,
    emails,
    handles,
    links,
    names,
    phones,
    places,
    public,
    wordlists,
    workplaces,
)
from moderation.detectors.spans import Span

# The detectors that need nothing but the text, in the order find_all runs them.
TEXT_DETECTORS: tuple[ModuleType, ...] = (
    emails,
    phones,
    links,
    handles,
    addresses,
    names,
    arabic_names,
    places,
    workplaces,
    public,
)

# Every detector module, by name.
DETECTORS = (*(m.__name__.rsplit(".", 1)[1] for m in TEXT_DETECTORS), "wordlists", "duplicates")


def warm_up() -> None:
    """Load every word list, name list and gazetteer now (a second or two, once per process)
    rather than on the first testimony screened."""
    find_all("Warm up: my manager Sarah at Slater Inc in Muncie, named kevin, +44 20 7946 0958.")
    places.gazetteer()
    names.common_words()
    names.more_given_names()
    arabic_names.given_names()


@cache
def _takes_language(module: ModuleType) -> bool:
    """Whether the module's find() reads the text's language (phones: its regions first)."""
    return "language" in inspect.signature(module.find).parameters


def find_all(
    text: str,
    *,
    detectors: Iterable[ModuleType] = TEXT_DETECTORS,
    banned: Iterable[str] = (),
    suspect: Iterable[str] = (),
    recent_fingerprints: Iterable[int] = (),
    language: str | None = None,
) -> list[Span]:
    """Every finding in ``text``, sorted by (start, kind); kinds may overlap.

    ``detectors`` are the modules whose ``find(text)`` runs (moderation settings may add
    their own); the word lists and the duplicate check always run. ``language``, the code of
    the language the author chose, goes to the detectors whose find() takes it.
    """
    spans = [
        span
        for module in detectors
        for span in (
            module.find(text, language=language)
            if language and _takes_language(module)
            else module.find(text)
        )
    ]
    spans += wordlists.find(text, banned=banned, suspect=suspect)
    spans += duplicates.find(text, recent_fingerprints=recent_fingerprints)
    return sorted(spans, key=lambda s: (s.start, s.kind))
