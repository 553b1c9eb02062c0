import logging

import pytest

from testimonies.models import Testimony, Topic
from testimonies.services import testimony_submit
from tests.conftest import broker_outage
from wall import selectors

pytestmark = pytest.mark.django_db


def test_a_bare_metoo_is_published_and_counted_at_once(django_capture_on_commit_callbacks):
    before = selectors.metoo_count()
    with django_capture_on_commit_callbacks(execute=True):
        testimony = testimony_submit(kind="metoo").testimony
    assert testimony.status == Testimony.Status.PUBLISHED
    assert testimony.published_on is not None
    assert selectors.metoo_count() == before + 1


def test_a_statement_waits_for_review_and_screening_is_asked_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        testimony = testimony_submit(kind="statement", body="It happened at work.").testimony
    assert testimony.status == Testimony.Status.PENDING
    assert len(callbacks) == 1
    assert selectors.metoo_count() == 0


def test_topics_and_content_warnings_are_saved_with_the_testimony():
    topics = list(Topic.objects.filter(slug__in=["workplace", "online"]))
    submission = testimony_submit(kind="story", title="T", body="A story.", topics=topics)
    testimony = submission.testimony
    assert set(testimony.topics.values_list("slug", flat=True)) == {"workplace", "online"}


def test_a_submission_made_while_the_broker_is_down_is_still_saved(
    django_capture_on_commit_callbacks, caplog
):
    with (
        broker_outage(),
        caplog.at_level(logging.WARNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        testimony = testimony_submit(kind="statement", body="Saved even with Redis down.").testimony
    saved = Testimony.objects.get(pk=testimony.pk)
    assert saved.body == "Saved even with Redis down."
    assert saved.status == Testimony.Status.PENDING
    assert "left for the sweeper" in caplog.text
