"""A worker killed in the middle of a job: the job runs again and the result is stored once."""

import os
import signal
import time

import pytest
import redis

from moderation.models import QueueItem, Screening
from testimonies.models import Testimony
from tests.conftest import wait_for, worker_process

pytestmark = pytest.mark.worker

# Seconds before Redis hands an unacknowledged job to another worker; the slow job takes 2.
VISIBILITY_TIMEOUT = 3
WORKER_SETTINGS = "tests.moderation.slow_worker_settings"


def slow_worker(*, log_path, marker, purge=False):
    """A real worker process whose screening job is slow and writes `marker` when it starts."""
    return worker_process(
        log_path=log_path,
        settings_module=WORKER_SETTINGS,
        purge=purge,
        env={
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "SLOW_DETECTOR_MARKER": str(marker),
        },
    )


def forget_unacked_jobs(redis_url: str) -> None:
    """Drop what an earlier, interrupted run left unacknowledged under this queue's keys."""
    queue = os.environ["CELERY_QUEUE"]
    prefix = f"unacked-{queue}"
    redis.Redis.from_url(redis_url).delete(prefix, f"{prefix}-index", f"{prefix}-mutex")


def test_a_job_whose_worker_was_killed_runs_again_and_its_result_is_stored_once(
    client, transactional_db, redis_url, tmp_path
):
    forget_unacked_jobs(redis_url)
    marker = tmp_path / "job-started"

    with slow_worker(log_path=tmp_path / "first.log", marker=marker, purge=True) as first:
        response = client.post(
            "/share/", {"kind": "statement", "body": "At 14, at a sleepover. Me too."}
        )
        assert response.status_code == 200
        testimony = Testimony.objects.get()
        wait_for(marker.exists, timeout=30, interval=0.05, process=first)
        started_at = time.monotonic()
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)

    assert not Screening.objects.exists()
    assert not QueueItem.objects.exists()

    # A worker hands back, as it starts, the jobs whose visibility timeout has run out; later
    # it looks only every 100 s or so (kombu's default restore interval times its throttle).
    time.sleep(max(0.0, started_at + VISIBILITY_TIMEOUT + 0.5 - time.monotonic()))
    marker.unlink()
    with slow_worker(log_path=tmp_path / "second.log", marker=marker) as second:
        wait_for(
            lambda: Screening.objects.filter(testimony=testimony).exists(),
            timeout=60,
            process=second,
        )
        assert marker.exists(), "the second worker ran the job again"

    assert Screening.objects.filter(testimony=testimony).count() == 1
    assert Screening.objects.get().testimony_version == Testimony.objects.get().version
    items = QueueItem.objects.filter(testimony=testimony, is_open=True)
    assert [item.reason for item in items] == [QueueItem.Reason.NEW]
