"""Asking for screening: one job per submission, or the submissions of a moment in one job."""

import re

import pytest
from django.test import override_settings

from moderation import screening, tasks
from moderation.models import Screening
from testimonies import services
from testimonies.models import Testimony
from tests.conftest import broker_outage, share_as_is, wait_for

pytestmark = pytest.mark.django_db

# Long enough for a slow machine to post all of a test's submissions within one batch.
BATCHED = override_settings(MODERATION_SCREENING_BATCH_SECONDS=1)


def submit(client, n: int) -> list[Testimony]:
    for i in range(n):
        body = f"Statement {i}: write to me at someone{i}@example.org"
        assert share_as_is(client, {"kind": "statement", "body": body}).status_code == 200
    return list(Testimony.objects.order_by("pk"))


@pytest.mark.worker
@BATCHED
def test_submissions_of_the_same_moment_are_screened_from_one_job(client, celery_worker_process):
    testimonies = submit(client, 3)

    wait_for(lambda: Screening.objects.count() == 3, timeout=60, process=celery_worker_process)
    for testimony in testimonies:
        findings = Screening.objects.get(testimony=testimony).findings
        assert [f["kind"] for f in findings] == ["email"]
    log = celery_worker_process.log_path.read_text()
    assert len(re.findall(r"screen_testimonies\[[^]]+\] received", log)) == 1
    assert "screen_testimony[" not in log


@BATCHED
def test_a_batch_the_broker_refuses_is_left_for_the_sweeper(
    client, caplog, django_capture_on_commit_callbacks
):
    with broker_outage():
        with django_capture_on_commit_callbacks(execute=True):
            testimonies = submit(client, 2)
        screening._outbox.flush()  # what the outbox's thread does a moment later
        wait_for(lambda: "left for the sweeper" in caplog.text, timeout=5)
    assert all(t.status == Testimony.Status.PENDING for t in testimonies)
    assert not Screening.objects.exists()


@BATCHED
def test_a_batch_is_sent_a_moment_after_the_submission_without_anyone_waiting(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(screening, "_send", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        testimonies = submit(client, 2)
    assert sent == []  # the request did not wait for the broker
    wait_for(lambda: sent, timeout=5)
    assert sent == [[t.pk for t in testimonies]]


@override_settings(MODERATION_SCREENING_BATCH_SIZE=2)
def test_a_large_batch_is_sent_in_jobs_of_the_largest_size(monkeypatch):
    sent = []
    monkeypatch.setattr(screening, "_send", sent.append)
    for testimony_id in (1, 2, 3, 4, 5):
        screening._outbox._ids.append(testimony_id)
    screening._outbox.flush()
    assert sent == [[1, 2], [3, 4], [5]]


def test_one_testimony_that_fails_to_screen_does_not_hold_back_the_others(monkeypatch):
    first, failing, last = (
        services.testimony_submit(kind="statement", body=f"Statement {i}").testimony
        for i in range(3)
    )
    real_findings = tasks.services._findings
    retried = []

    def findings(testimony, **kwargs):
        if testimony.pk == failing.pk:
            raise RuntimeError("a detector broke")
        return real_findings(testimony, **kwargs)

    # The batch as a whole fails on it; then each is screened on its own.
    monkeypatch.setattr(tasks.services, "_findings", findings)
    monkeypatch.setattr(tasks.screen_testimony, "delay", retried.append)
    tasks.screen_testimonies([first.pk, failing.pk, last.pk])

    assert set(Screening.objects.values_list("testimony", flat=True)) == {first.pk, last.pk}
    assert retried == [failing.pk]


@override_settings(MODERATION_SWEEP_AFTER_SECONDS=0, MODERATION_SCREENING_BATCH_SIZE=2)
def test_the_sweeper_sends_what_it_finds_in_batches_too(monkeypatch):
    sent = []
    monkeypatch.setattr(screening, "_send", sent.append)
    testimonies = [
        services.testimony_submit(kind="statement", body=f"Left unscreened {i}").testimony
        for i in range(3)
    ]
    assert tasks.sweep_unscreened() == 3
    assert sorted(i for batch in sent for i in batch) == [t.pk for t in testimonies]
    assert [len(batch) for batch in sent] == [2, 1]


def test_a_batch_reads_the_watch_words_once_and_still_applies_them():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from moderation.models import WatchWord

    WatchWord.objects.create(phrase="spam", severity=WatchWord.Severity.BANNED)
    testimonies = [
        services.testimony_submit(kind="statement", body=f"Statement {i} with spam").testimony
        for i in range(3)
    ]
    with CaptureQueriesContext(connection) as queries:
        tasks.screen_testimonies([t.pk for t in testimonies])
    reads = [q for q in queries.captured_queries if "watchword" in q["sql"].lower()]
    assert len(reads) == 1
    for testimony in testimonies:
        testimony.refresh_from_db()
        assert "banned" in [f["kind"] for f in testimony.screening.findings]
