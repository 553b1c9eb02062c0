"""Screening end to end: a submission goes through the broker to a real worker process."""

import pytest
from django.test import override_settings

from moderation.models import Screening
from moderation.tasks import sweep_unscreened
from testimonies.models import Testimony
from tests.conftest import broker_outage, share_as_is, wait_for

pytestmark = pytest.mark.worker


def test_a_real_worker_screens_a_submitted_statement(client, celery_worker_process):
    response = share_as_is(
        client, {"kind": "statement", "body": "Write to me at someone@example.org please"}
    )
    assert response.status_code == 200
    testimony = Testimony.objects.get()

    screening = wait_for(
        lambda: Screening.objects.filter(testimony=testimony).first(),
        process=celery_worker_process,
    )
    assert [f["kind"] for f in screening.findings] == ["email"]
    assert screening.findings[0]["text"] == "someone@example.org"
    assert Testimony.objects.get().status == Testimony.Status.PENDING


@override_settings(MODERATION_SWEEP_AFTER_SECONDS=0)
def test_a_submission_made_while_the_broker_was_down_is_screened_by_the_sweeper(
    client, celery_worker_process
):
    with broker_outage():
        response = share_as_is(client, {"kind": "statement", "body": "Call +44 20 7946 0958"})
    assert response.status_code == 200
    testimony = Testimony.objects.get()
    assert not Screening.objects.exists()

    assert sweep_unscreened() == 1

    screening = wait_for(
        lambda: Screening.objects.filter(testimony=testimony).first(),
        process=celery_worker_process,
    )
    assert [f["kind"] for f in screening.findings] == ["phone"]
