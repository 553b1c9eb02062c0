"""Moderation writes: storing what screening found."""

import logging

from django.db import transaction

from testimonies.models import Testimony

from .detectors import emails, phones
from .detectors.spans import Span
from .models import Screening

logger = logging.getLogger(__name__)

# The detectors that run on every testimony, by module.
SCREENING_DETECTORS = (emails, phones)


def _find_spans(text: str) -> list[Span]:
    spans = [span for detector in SCREENING_DETECTORS for span in detector.find(text)]
    return sorted(spans, key=lambda s: (s.start, s.kind))


def testimony_screen(*, testimony_id: int) -> Screening | None:
    """Run the detectors over a pending testimony and store the findings.

    Idempotent: running it twice for the same version stores one Screening, so a job that is
    delivered again after a worker died does no harm.
    """
    with transaction.atomic():
        testimony = Testimony.objects.select_for_update().filter(pk=testimony_id).first()
        if testimony is None:
            logger.info("Testimony %s is gone; nothing to screen", testimony_id)
            return None
        existing = Screening.objects.filter(testimony=testimony).first()
        if existing and existing.testimony_version == testimony.version:
            return existing
        findings = [
            {"field": field, **span.as_dict()}
            for field in ("title", "body")
            for span in _find_spans(getattr(testimony, field))
        ]
        screening, _created = Screening.objects.update_or_create(
            testimony=testimony,
            defaults={
                "findings": findings,
                "risk_score": 1.0 if findings else 0.0,
                "testimony_version": testimony.version,
            },
        )
        return screening
