"""A batch of new submissions is screened together: the same findings, queue and surge
publications as one by one, in a number of queries that does not grow with the batch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from moderation import services, tasks
from moderation.models import QueueItem, Screening
from testimonies import services as testimony_services
from testimonies.models import Testimony

pytestmark = pytest.mark.django_db

STORY = " ".join(f"word{n} happened again at the depot that winter" for n in range(60))


def submitted(kind="statement", body="It happened at work.", **fields) -> Testimony:
    return testimony_services.testimony_submit(kind=kind, body=body, **fields).testimony


def screen_batch(testimonies) -> int:
    """Screen as the batch job does; the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        tasks.screen_testimonies([t.pk for t in testimonies])
    return len(queries)


def test_a_batch_stores_the_same_findings_and_queue_items_as_one_by_one():
    batch = [submitted(body=f"Write to me at someone{n}@example.org") for n in range(3)]
    alone = submitted(body="Write to me at alone@example.org")
    screen_batch(batch)
    services.testimony_screen(testimony_id=alone.pk)
    for testimony in [*batch, alone]:
        screening = Screening.objects.get(testimony=testimony)
        assert [finding["kind"] for finding in screening.findings] == ["email"]
        assert screening.testimony_version == testimony.version
        assert QueueItem.objects.filter(testimony=testimony, is_open=True).count() == 1
        testimony.refresh_from_db()
        assert testimony.screening_requested_at is None


def test_the_queries_of_a_batch_do_not_grow_with_its_size():
    small = screen_batch([submitted(body=f"Small batch {n}.") for n in range(3)])
    large = screen_batch([submitted(body=f"Large batch {n}.") for n in range(30)])
    assert large == small
    assert Screening.objects.count() == 33


def test_a_job_delivered_twice_screens_and_queues_once():
    batch = [submitted(body=f"Twice {n}.") for n in range(3)]
    screen_batch(batch)
    screen_batch(batch)
    assert QueueItem.objects.count() == 3
    assert Screening.objects.count() == 3


def test_in_surge_mode_a_batch_publishes_what_screening_is_sure_about_and_queues_the_rest(
    settings,
):
    settings.MODERATION_SURGE_MODE = True
    clean = submitted(body="It happened at work, more than once.")
    identifying = submitted(body="Call him on 07700 900123, he will deny it.")
    screen_batch([clean, identifying])
    clean.refresh_from_db()
    identifying.refresh_from_db()
    assert clean.status == Testimony.Status.PUBLISHED
    assert identifying.status == Testimony.Status.PENDING
    assert QueueItem.objects.filter(testimony=identifying, is_open=True).exists()


def test_a_story_repeated_within_one_batch_is_marked_a_duplicate():
    first, second = submitted("story", STORY), submitted("story", STORY)
    screen_batch([first, second])
    kinds = [finding["kind"] for finding in Screening.objects.get(testimony=second).findings]
    assert "duplicate" in kinds


def test_an_authors_edit_in_a_batch_is_screened_again_and_queued_once():
    edited = submitted(body="First words.")
    services.testimony_screen(testimony_id=edited.pk)
    item = QueueItem.objects.get(testimony=edited)
    item.is_open = False
    item.save()
    testimony_services.testimony_author_edit(
        testimony=edited,
        title="",
        body="Rewritten, write to me@example.org",
        content_warnings=[],
        topics=[],
    )
    new = submitted(body="A new one.")
    screen_batch([edited, new])
    assert [f["kind"] for f in Screening.objects.get(testimony=edited).findings] == ["email"]
    assert QueueItem.objects.filter(is_open=True).count() == 2
