"""Decisions only over what a moderator was shown, by someone other than who escalated, and
every change an administrator makes in the admin written to the audit log."""

import re

import pytest
from django.core import signing

from moderation import services
from moderation.models import AuditEntry, QueueItem
from testimonies.models import Testimony
from tests.factories import ModeratorFactory, QueueItemFactory, TestimonyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client, sign_in_moderator):
    return sign_in_moderator(client, ModeratorFactory())


def listed_token(client) -> str:
    html = client.get("/moderation/batch/").content.decode()
    return re.search(r'name="listed" value="([^"]+)"', html).group(1)


def test_batch_approval_approves_only_the_items_the_page_listed(client, moderator, settings):
    settings.MODERATION_BATCH_APPROVE_LIMIT = 2
    shown = [QueueItemFactory(screened=True) for _ in range(2)]
    listed = listed_token(client)
    never_shown = [QueueItemFactory(screened=True) for _ in range(3)]
    story = QueueItemFactory(testimony=TestimonyFactory(story=True), screened=True)
    every_id = [f"{item.pk}:1" for item in [*shown, *never_shown, story]]
    client.post("/moderation/batch/", {"listed": listed, "items": every_id})
    published = set(Testimony.objects.filter(status="published").values_list("pk", flat=True))
    assert published == {item.testimony_id for item in shown}


def test_batch_approval_without_the_page_s_signed_list_approves_nothing(client, moderator):
    items = [QueueItemFactory(screened=True) for _ in range(3)]
    forged = signing.dumps({"by": moderator.pk, "items": [i.pk for i in items]}, salt="other")
    for data in ({}, {"listed": "junk"}, {"listed": forged}):
        client.post("/moderation/batch/", {**data, "items": [f"{i.pk}:1" for i in items]})
    assert not Testimony.objects.filter(status="published").exists()


def test_another_moderator_s_batch_list_is_not_accepted(client, moderator):
    items = [QueueItemFactory(screened=True) for _ in range(2)]
    theirs = signing.dumps(
        {"by": moderator.pk + 1000, "items": [i.pk for i in items]}, salt="moderation.batch"
    )
    client.post("/moderation/batch/", {"listed": theirs, "items": [f"{i.pk}:1" for i in items]})
    assert not Testimony.objects.filter(status="published").exists()


def test_the_service_skips_items_that_are_not_new_statements(moderator):
    report = QueueItemFactory(
        reason="report", testimony=TestimonyFactory(published=True), screened=True
    )
    story = QueueItemFactory(testimony=TestimonyFactory(story=True), screened=True)
    result = services.batch_approve(moderator=moderator, items=[(report.pk, 1), (story.pk, 1)])
    assert (result.approved, result.skipped) == (0, 2)


def test_a_moderator_cannot_decide_an_item_they_escalated(moderator):
    item = QueueItemFactory()
    services.decision_escalate(item_id=item.pk, moderator=moderator, version=1, note="unsure")
    with pytest.raises(services.DecisionRefused, match="another moderator"):
        services.item_claim(item_id=item.pk, moderator=moderator)
    with pytest.raises(services.DecisionRefused, match="another moderator"):
        services.decision_approve(item_id=item.pk, moderator=moderator, version=1)
    assert Testimony.objects.get().status == "pending"
    other = ModeratorFactory()
    services.decision_approve(item_id=item.pk, moderator=other, version=1)
    assert Testimony.objects.get().status == "published"


def test_an_administrator_may_decide_an_item_they_escalated():
    admin = ModeratorFactory(is_superuser=True, is_staff=True)
    item = QueueItemFactory()
    services.decision_escalate(item_id=item.pk, moderator=admin, version=1)
    services.decision_approve(item_id=item.pk, moderator=admin, version=1)
    assert not QueueItem.objects.filter(is_open=True).exists()


def test_an_administrator_s_change_of_a_note_or_retention_date_is_in_the_audit_log(
    client, sign_in_moderator
):
    admin = sign_in_moderator(client, ModeratorFactory(is_superuser=True, is_staff=True))
    testimony = TestimonyFactory(status="rejected", rejection_reason="spam")
    response = client.post(
        f"/admin/testimonies/testimony/{testimony.pk}/change/",
        {
            "status_changed_at_0": "2030-01-01",
            "status_changed_at_1": "00:00:00",
            "rejection_reason": "spam",
            "rejection_note": "A new note",
            "appeal_note": "",
            "language": testimony.language,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="admin_edit")
    assert entry.actor == admin
    assert "rejection_note: A new note" in entry.note
    assert "status_changed_at: 2030-01-01" in entry.note
