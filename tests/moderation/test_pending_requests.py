"""Every request for screening is durable: a lost message is re-sent, a late one changes nothing."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.test import override_settings
from django.utils import timezone

from moderation import screening, services, tasks
from moderation.models import QueueItem, Screening
from testimonies import services as testimony_services
from testimonies.models import Testimony
from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

SWEEP_AT_ONCE = override_settings(MODERATION_SWEEP_AFTER_SECONDS=0)


@pytest.fixture
def lost_messages(monkeypatch):
    """The broker is down when the request is made: the message never leaves."""
    lost = []
    monkeypatch.setattr(screening, "_send", lost.append)
    return lost


def submitted_and_queued(body="At work, for years. Me too.") -> Testimony:
    testimony = testimony_services.testimony_submit(kind="statement", body=body).testimony
    services.testimony_screen(testimony_id=testimony.pk)
    return Testimony.objects.get(pk=testimony.pk)


def rejected(moderator) -> Testimony:
    testimony = submitted_and_queued()
    item = QueueItem.objects.get(testimony=testimony, is_open=True)
    services.decision_reject(
        item_id=item.pk, moderator=moderator, version=testimony.version, reason="other"
    )
    return Testimony.objects.get(pk=testimony.pk)


def screen_what_the_sweeper_sends(sent) -> None:
    for batch in sent:
        for testimony_id in batch:
            services.testimony_screen(testimony_id=testimony_id)


@SWEEP_AT_ONCE
def test_an_authors_edit_whose_message_was_lost_is_sent_again_by_the_sweeper(lost_messages):
    testimony = submitted_and_queued()
    lost_messages.clear()
    testimony_services.testimony_author_edit(
        testimony=testimony,
        title="",
        body="At work, for years. Write to me at someone@example.org",
        content_warnings=[],
        topics=[],
    )

    assert tasks.sweep_unscreened() == 1
    screen_what_the_sweeper_sends(lost_messages)

    testimony.refresh_from_db()
    assert [f["kind"] for f in testimony.screening.findings] == ["email"]
    assert testimony.screening.testimony_version == testimony.version
    assert QueueItem.objects.filter(testimony=testimony, is_open=True).exists()
    assert tasks.sweep_unscreened() == 0


@SWEEP_AT_ONCE
def test_an_appeal_whose_message_was_lost_still_reaches_the_appeals_list(lost_messages):
    testimony = rejected(ModeratorFactory())
    testimony_services.testimony_appeal(testimony=testimony, note="Please look again.")
    lost_messages.clear()

    assert tasks.sweep_unscreened() == 1
    screen_what_the_sweeper_sends(lost_messages)

    item = QueueItem.objects.get(testimony=testimony, is_open=True)
    assert item.reason == QueueItem.Reason.APPEAL
    assert tasks.sweep_unscreened() == 0


def test_the_sweeper_leaves_a_request_younger_than_its_delay_alone(lost_messages):
    testimony_services.testimony_submit(kind="statement", body="Just now. Me too.")
    with override_settings(MODERATION_SWEEP_AFTER_SECONDS=120):
        assert tasks.sweep_unscreened() == 0
    Testimony.objects.update(screening_requested_at=timezone.now() - timedelta(minutes=3))
    with override_settings(MODERATION_SWEEP_AFTER_SECONDS=120):
        assert tasks.sweep_unscreened() == 1


def test_a_job_delivered_again_after_an_appeal_was_decided_does_not_reopen_it(lost_messages):
    moderator = ModeratorFactory()
    testimony = rejected(moderator)
    testimony_services.testimony_appeal(testimony=testimony, note="Please look again.")
    services.testimony_screen(testimony_id=testimony.pk)
    appeal = QueueItem.objects.get(testimony=testimony, is_open=True)
    testimony.refresh_from_db()
    services.decision_reject(
        item_id=appeal.pk, moderator=moderator, version=testimony.version, reason="other"
    )

    services.testimony_screen(testimony_id=testimony.pk)  # the same job, delivered again

    assert not QueueItem.objects.filter(testimony=testimony, is_open=True).exists()
    assert Testimony.objects.get(pk=testimony.pk).status == Testimony.Status.REJECTED


@override_settings(MODERATION_SURGE_MODE=True)
def test_a_job_delivered_again_after_a_surge_publication_does_not_screen_it_again(
    lost_messages,
):
    testimony = submitted_and_queued(body="It happened on a bus. Me too.")
    assert testimony.status == Testimony.Status.PUBLISHED
    screened_at = Screening.objects.get(testimony=testimony).screened_at

    services.testimony_screen(testimony_id=testimony.pk)

    assert Screening.objects.get(testimony=testimony).screened_at == screened_at
    assert not QueueItem.objects.filter(testimony=testimony).exists()


def test_a_late_job_for_a_testimony_decided_meanwhile_neither_screens_nor_queues_it(
    lost_messages,
):
    moderator = ModeratorFactory()
    testimony = submitted_and_queued()
    item = QueueItem.objects.get(testimony=testimony)
    # The author edits; a moderator approves the new version before its screening arrives.
    testimony_services.testimony_author_edit(
        testimony=testimony, title="", body="At work. Me too.", content_warnings=[], topics=[]
    )
    services.decision_approve(item_id=item.pk, moderator=moderator, version=testimony.version)

    services.testimony_screen(testimony_id=testimony.pk)

    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PUBLISHED
    assert not QueueItem.objects.filter(testimony=testimony, is_open=True).exists()
    assert testimony.screening_requested_at is None


def test_periodic_jobs_run_twice_leave_the_same_state(lost_messages):
    moderator = ModeratorFactory()
    testimony = submitted_and_queued()
    services.claim_next_item(moderator=moderator)
    QueueItem.objects.update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    testimony_services.testimony_submit(kind="statement", body="Not yet screened. Me too.")

    with override_settings(MODERATION_SWEEP_AFTER_SECONDS=0):
        for _ in range(2):
            tasks.sweep_unscreened()
            tasks.release_expired_claims()
            tasks.purge_expired_text()
        screen_what_the_sweeper_sends(lost_messages)

    assert QueueItem.objects.filter(is_open=True).count() == 2
    assert QueueItem.objects.filter(claimed_by__isnull=False).count() == 0
    assert Screening.objects.count() == 2
    assert Testimony.objects.get(pk=testimony.pk).body


def test_the_migration_marks_what_a_lost_message_left_waiting_before_the_column_existed():
    migration = importlib.import_module("moderation.migrations.0003_pending_screening_requests")
    moderator = ModeratorFactory()
    # An edit screened at the old version, its new version never screened.
    edited = submitted_and_queued()
    Testimony.objects.filter(pk=edited.pk).update(version=edited.version + 1)
    # An appeal that never reached the appeals list.
    appealed = rejected(moderator)
    Testimony.objects.filter(pk=appealed.pk).update(appealed_at=timezone.now())
    # Screened and waiting in the queue: nothing is missing.
    queued = submitted_and_queued()
    Testimony.objects.update(screening_requested_at=None)

    migration.mark_waiting(django_apps, None)

    waiting = set(Testimony.objects.filter(screening_requested_at__isnull=False))
    assert waiting == {edited, appealed}
    assert queued not in waiting
