"""The moderators' dashboard: queue sizes, oldest wait, decisions per hour, time to decision."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from moderation.models import AuditEntry, QueueItem
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/moderation/dashboard/"
# Half past an hour, so that "now" and "five hours ago" never straddle an hour boundary.
NOW = timezone.now().replace(minute=30, second=0, microsecond=0)


@pytest.fixture(autouse=True)
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


@pytest.fixture
def moderator():
    user = User.objects.create_user(username="mod", password="a long passphrase here")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator, sign_in_moderator):
    sign_in_moderator(client, moderator)
    return client


def queue_item(reason, *, waited=timedelta(0), closed_after=None):
    """An item that entered the queue ``waited`` ago, closed ``closed_after`` later if given."""
    item = QueueItem.objects.create(
        testimony=TestimonyFactory(), reason=reason, priority=QueueItem.PRIORITY[reason]
    )
    created_at = NOW - waited
    QueueItem.objects.filter(pk=item.pk).update(
        created_at=created_at,
        is_open=closed_after is None,
        closed_at=created_at + closed_after if closed_after is not None else None,
    )
    return item


def audit(action, *, ago=timedelta(0), actor=None):
    # The audit log cannot be changed after the fact: the entry is written at the moment wanted.
    testimony = TestimonyFactory()
    with mock.patch("django.utils.timezone.now", return_value=NOW - ago):
        return AuditEntry.objects.create(
            action=action,
            actor=actor,
            testimony=testimony,
            testimony_public_id=testimony.public_id,
            testimony_version=testimony.version,
        )


def svg(html, chart_id):
    match = re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title".*?</svg>', html, re.S)
    assert match, f"no chart labelled {chart_id}-title"
    return match.group(0)


def table_row(label, value):
    return f'<th scope="row">{label}</th><td>{value}</td>'


def test_a_moderator_sees_how_many_items_wait_in_each_list(moderator_client):
    queue_item(QueueItem.Reason.NEW)
    queue_item(QueueItem.Reason.NEW)
    queue_item(QueueItem.Reason.REPORT)
    queue_item(QueueItem.Reason.APPEAL, waited=timedelta(hours=1), closed_after=timedelta(1))

    response = moderator_client.get(DASHBOARD)

    assert response.status_code == 200
    html = response.content.decode()
    assert table_row("New submission", 2) in html
    assert table_row("Reported by readers", 1) in html
    assert table_row("Appealed by the author", 0) in html
    assert table_row("Escalated", 0) in html
    assert "Open items in each list, 3 in all" in html
    assert svg(html, "sizes-chart").count('class="chart__bar"') == 4


def test_the_age_of_the_oldest_waiting_item_is_shown(moderator_client):
    queue_item(QueueItem.Reason.NEW, waited=timedelta(minutes=20))
    queue_item(QueueItem.Reason.REPORT, waited=timedelta(hours=3, minutes=5))

    html = moderator_client.get(DASHBOARD).content.decode()

    assert re.search(r"Oldest waiting</dt>\s*<dd>3\xa0hours, 5\xa0minutes</dd>", html)


def test_an_empty_queue_says_nothing_is_waiting_and_still_draws_the_charts(moderator_client):
    html = moderator_client.get(DASHBOARD).content.decode()

    assert "Nothing is waiting" in html
    assert "Nothing decided in the last 7 days" in html
    assert svg(html, "sizes-chart").count('class="chart__bar"') == 4
    assert svg(html, "decisions-chart").count('class="chart__bar"') == 24


def test_the_decisions_chart_has_a_bar_per_hour_and_the_table_lists_the_counts(
    moderator_client, moderator
):
    audit(AuditEntry.Action.APPROVE, actor=moderator)
    audit(AuditEntry.Action.REJECT, ago=timedelta(minutes=10), actor=moderator)
    audit(AuditEntry.Action.APPROVE_EDITED, ago=timedelta(hours=5), actor=moderator)
    # Not counted: an escalation, and a decision from before the last 24 hours.
    audit(AuditEntry.Action.ESCALATE, actor=moderator)
    audit(AuditEntry.Action.APPROVE, ago=timedelta(hours=25), actor=moderator)

    html = moderator_client.get(DASHBOARD).content.decode()

    chart = svg(html, "decisions-chart")
    assert chart.count('class="chart__bar"') == 24
    assert "Decisions per hour over the last 24 hours, 3 in all" in chart
    this_hour = f"{NOW:%H}:00"
    five_hours_ago = f"{NOW - timedelta(hours=5):%H}:00"
    four_hours_ago = f"{NOW - timedelta(hours=4):%H}:00"
    assert f"<title>{this_hour}: 2</title>" in chart
    assert table_row(this_hour, 2) in html
    assert table_row(five_hours_ago, 1) in html
    assert table_row(four_hours_ago, 0) in html


def test_the_median_time_to_decision_counts_only_the_last_seven_days(moderator_client):
    for wait in (timedelta(minutes=10), timedelta(minutes=20), timedelta(hours=2)):
        queue_item(QueueItem.Reason.NEW, waited=wait + timedelta(hours=1), closed_after=wait)
    queue_item(QueueItem.Reason.NEW, waited=timedelta(days=9), closed_after=timedelta(days=1))

    html = moderator_client.get(DASHBOARD).content.decode()

    assert re.search(r"Median time to decision, last 7 days</dt>\s*<dd>20\xa0minutes</dd>", html)


def test_every_chart_has_an_accessible_name_and_the_page_has_no_inline_styles(
    moderator_client,
):
    html = moderator_client.get(DASHBOARD).content.decode()

    for chart_id in ("sizes-chart", "decisions-chart"):
        chart = svg(html, chart_id)
        assert 'role="img"' in chart
        assert f'<title id="{chart_id}-title">' in chart
    assert html.count("<caption>") == 2
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert "<script>" not in html


def test_a_signed_in_reader_who_is_not_a_moderator_is_refused(client):
    client.force_login(User.objects.create_user(username="reader", password="another passphrase"))

    assert client.get(DASHBOARD).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=/moderation/dashboard/" in response["Location"]
