"""Celery jobs: thin shells that call a moderation service."""

import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_init
from django.db import DatabaseError

from . import services
from .app_settings import app_settings
from .screening import screening_send
from .selectors import screening_overdue

logger = logging.getLogger(__name__)


@worker_init.connect
def _load_detector_data(**_kwargs) -> None:
    """A worker loads the detectors' word lists and gazetteer before it takes its first job,
    and before it forks its pool, whose processes then share them."""
    from .detectors import warm_up

    warm_up()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def screen_testimony(testimony_id: int) -> None:
    services.testimony_screen(testimony_id=testimony_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def screen_testimonies(testimony_ids: list[int]) -> None:
    """A batch sent together by one web process (moderation.screening) or the sweeper. New
    submissions are screened together (testimonies_screen); the rest, or all of them if that
    fails, each on its own: one that fails is handed to screen_testimony, with its retries,
    and never holds back the others. The watch words are read once for the batch."""
    with services.screening_batch():
        try:
            # New submissions, the bulk of a surge, in a few queries for the whole batch.
            testimony_ids = services.testimonies_screen(testimony_ids=testimony_ids)
        except Exception:
            logger.warning("Screening a batch at once failed; screening each on its own")
        for testimony_id in testimony_ids:
            try:
                services.testimony_screen(testimony_id=testimony_id)
            except Exception:
                logger.warning("Screening testimony %s failed; retrying it alone", testimony_id)
                screen_testimony.delay(testimony_id)


@shared_task
def sweep_unscreened() -> int:
    """Enqueue again every request for screening left unanswered (a submission, an author's
    edit, an appeal), e.g. after a broker outage. Harmless twice: screening answers each once."""
    ids = list(
        screening_overdue(
            older_than=timedelta(seconds=app_settings.SWEEP_AFTER_SECONDS)
        ).values_list("pk", flat=True)[: app_settings.SWEEP_BATCH_SIZE]
    )
    screening_send(ids)
    return len(ids)


@shared_task
def release_expired_claims() -> int:
    return services.release_expired_claims()


@shared_task
def purge_expired_text() -> int:
    return services.purge_expired_text()


@shared_task
def purge_expired_snapshots() -> int:
    return services.purge_expired_snapshots()
