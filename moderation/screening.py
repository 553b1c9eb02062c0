"""The one entry point the testimonies app uses to ask for screening."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def screening_request(*, testimony_id: int) -> None:
    """Ask a worker to screen a testimony, once the current transaction has committed."""
    transaction.on_commit(lambda: _send(testimony_id), robust=True)


def _send(testimony_id: int) -> None:
    from .tasks import screen_testimony

    try:
        screen_testimony.apply_async(args=[testimony_id], retry=True)
    except Exception:
        # The testimony is saved; only the message is lost. It stays unscreened, and the
        # sweeper (moderation.tasks.sweep_unscreened) enqueues it again when the broker is back.
        logger.warning(
            "Broker unreachable: testimony %s left for the sweeper", testimony_id, exc_info=True
        )
