"""What the author is shown before sending: the quick detectors' surer findings in their words.

Registered with testimonies.identifying when the app starts (moderation/apps.py), so the share
form and the author's edit use the detectors screening uses, without importing moderation.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from testimonies.identifying import Finding

from .app_settings import app_settings
from .detectors import find_all
from .selectors import FINDING_LABELS


@cache
def _detectors(paths: tuple[str, ...]):
    return [import_module(path) for path in paths]


def identifying_findings(text: str, *, language: str | None = None) -> list[Finding]:
    """The findings in ``text`` of PRESEND_DETECTORS at PRESEND_MIN_CONFIDENCE or above."""
    spans = find_all(
        text, detectors=_detectors(tuple(app_settings.PRESEND_DETECTORS)), language=language
    )
    floor = app_settings.PRESEND_MIN_CONFIDENCE
    return [
        Finding(
            start=span.start,
            end=span.end,
            kind=span.kind,
            label=str(FINDING_LABELS.get(span.kind, span.kind)),
        )
        for span in spans
        if span.confidence >= floor and span.kind != "public"
    ]
