"""Settings for a worker whose screening job is slow, for tests that kill it mid-job."""

import os

from config.test_settings import *  # noqa: F403
from config.test_settings import CELERY_BROKER_TRANSPORT_OPTIONS

# Only the slow detector: the defaults live in moderation.app_settings, which cannot be read
# while settings load, and this worker is here to be killed, not to find anything.
MODERATION_DETECTORS = ["tests.moderation.slow_detector"]

# Kombu keeps the unacknowledged messages of every queue under the same Redis keys, and a worker
# hands back whatever there has outlived *its* visibility timeout. Keys of our own keep this
# worker's short timeout away from the jobs of other workers on the same Redis.
_unacked = f"unacked-{os.environ['CELERY_QUEUE']}"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "unacked_key": _unacked,
    "unacked_index_key": f"{_unacked}-index",
    "unacked_mutex_key": f"{_unacked}-mutex",
}
