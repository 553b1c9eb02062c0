"""Readers' reports: one client is one reader, and a mob cannot keep a testimony off the wall."""

import pytest
from django.test import Client

from moderation import services
from moderation.models import AuditEntry, QueueItem
from testimonies.models import Testimony
from tests.factories import ModeratorFactory, TestimonyFactory

pytestmark = pytest.mark.django_db


def report_from(address: str, testimony: Testimony, client: Client | None = None) -> int:
    """A report posted through the page, from a fresh cookie jar unless one is given."""
    client = client or Client()
    response = client.post(
        f"/t/{testimony.public_id}/report/",
        {"reason": "spam", "details": ""},
        REMOTE_ADDR=address,
    )
    return response.status_code


def status_of(testimony: Testimony) -> str:
    testimony.refresh_from_db()
    return testimony.status


def republish(testimony: Testimony) -> None:
    """A moderator looks at the reported testimony and keeps it up."""
    item = QueueItem.objects.get(testimony=testimony, is_open=True)
    testimony.refresh_from_db()
    services.decision_approve(
        item_id=item.pk, moderator=ModeratorFactory(), version=testimony.version
    )


def test_three_cookie_jars_from_one_address_hide_nothing():
    testimony = TestimonyFactory(published=True)
    assert [report_from("203.0.113.9", testimony) for _ in range(3)] == [200, 200, 200]
    assert status_of(testimony) == Testimony.Status.PUBLISHED
    # It still reaches a moderator.
    assert QueueItem.objects.filter(testimony=testimony, is_open=True, reason="report").exists()


def test_requests_without_any_cookie_from_one_network_are_one_reader():
    testimony = TestimonyFactory(published=True)
    for host in (1, 2, 3):
        report_from(f"203.0.113.{host}", testimony)
    assert status_of(testimony) == Testimony.Status.PUBLISHED


def test_three_clients_on_three_networks_hide_it():
    testimony = TestimonyFactory(published=True)
    for address in ("203.0.113.9", "198.51.100.9", "192.0.2.9"):
        report_from(address, testimony)
    assert status_of(testimony) == Testimony.Status.HIDDEN


def test_an_account_counts_once_whatever_its_cookies_or_address(django_user_model):
    testimony = TestimonyFactory(published=True)
    user = django_user_model.objects.create_user(username="reader", password="x" * 20)
    for address in ("203.0.113.9", "198.51.100.9", "192.0.2.9"):
        client = Client()
        client.force_login(user)
        report_from(address, testimony, client)
    assert status_of(testimony) == Testimony.Status.PUBLISHED


def test_after_a_republish_one_report_hides_nothing():
    testimony = TestimonyFactory(published=True)
    for address in ("203.0.113.9", "198.51.100.9", "192.0.2.9"):
        report_from(address, testimony)
    republish(testimony)
    assert status_of(testimony) == Testimony.Status.PUBLISHED
    report_from("100.64.0.9", testimony)
    assert status_of(testimony) == Testimony.Status.PUBLISHED


def test_after_a_moderator_kept_it_up_new_reports_queue_it_but_do_not_hide_it():
    testimony = TestimonyFactory(published=True)
    for address in ("203.0.113.9", "198.51.100.9", "192.0.2.9"):
        report_from(address, testimony)
    republish(testimony)
    for network in range(5):
        report_from(f"100.64.{network}.9", testimony)
    assert status_of(testimony) == Testimony.Status.PUBLISHED
    assert QueueItem.objects.filter(testimony=testimony, is_open=True, reason="report").exists()


def test_a_far_larger_crowd_can_still_hide_an_upheld_testimony(settings):
    settings.MODERATION_REPORT_HIDE_THRESHOLD_UPHELD = 6
    testimony = TestimonyFactory(published=True)
    for address in ("203.0.113.9", "198.51.100.9", "192.0.2.9"):
        report_from(address, testimony)
    republish(testimony)
    for network in range(6):
        report_from(f"100.64.{network}.9", testimony)
    assert status_of(testimony) == Testimony.Status.HIDDEN


def test_reports_before_a_first_approval_do_not_count_after_it():
    """Approved as a new submission after two reports: those two no longer count."""
    testimony = TestimonyFactory(published=True)
    for address in ("203.0.113.9", "198.51.100.9"):
        report_from(address, testimony)
    republish(testimony)
    report_from("192.0.2.9", testimony)
    assert status_of(testimony) == Testimony.Status.PUBLISHED
    assert AuditEntry.objects.filter(action="hide").count() == 0


def test_one_client_may_report_only_so_many_testimonies_a_day(settings):
    settings.RATELIMITS = {"report": ["100/h", "3/d"]}
    statuses = [report_from("203.0.113.9", TestimonyFactory(published=True)) for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
