"""The statistics page: the totals, a chart per figure with its table, and only what is public."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from testimonies import services
from testimonies.models import Testimony, Topic
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

STATS = "/stats/"
DAILY_CHARTS = ["daily-metoo-chart", "daily-statement-chart", "daily-story-chart"]


def publish(kind="statement", **fields) -> Testimony:
    testimony = services.testimony_submit(kind=kind, **fields).testimony
    if testimony.status != Testimony.Status.PUBLISHED:
        services.testimony_publish(testimony=testimony)
    return testimony


def svg(html, chart_id) -> str:
    match = re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title".*?</svg>', html, re.S)
    assert match, f"no chart labelled {chart_id}-title"
    return match.group(0)


def figure(html, name) -> str:
    """The number written after a name in the totals."""
    match = re.search(rf"<dt>{re.escape(name)}</dt>\s*<dd>([^<]*)</dd>", html)
    assert match, f"no figure named {name!r}"
    return match.group(1)


def page(client) -> str:
    response = client.get(STATS)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_everyone_who_said_metoo_and_each_kind(client):
    for _ in range(3):
        publish("metoo")
    publish("statement", body="At 14. Me too.")
    publish("story", title="Years later", body="A longer story. " * 20)
    html = page(client)
    assert figure(html, "Everyone who has said “me too”") == "5"
    assert figure(html, "“Me too” with no words") == "3"
    assert figure(html, "Short statements") == "1"
    assert figure(html, "Longer stories") == "1"


def test_the_total_is_the_same_number_as_the_counter_on_the_wall(client):
    publish("metoo")
    publish("statement", body="Me too.")
    assert figure(page(client), "Everyone who has said “me too”") == "2"
    assert '<span class="counter__number">2</span>' in client.get("/").content.decode()


def test_unpublished_hidden_and_withdrawn_testimonies_are_not_counted(client):
    publish("statement", body="Counted.")
    services.testimony_submit(kind="statement", body="Waiting for review.")
    rejected = services.testimony_submit(kind="statement", body="Spam.").testimony
    services.testimony_reject(testimony=rejected, reason="spam")
    hidden = publish("statement", body="Reported.")
    services.testimony_hide(testimony=hidden)
    withdrawn = publish("story", title="Mine", body="Taken back.")
    services.testimony_withdraw(testimony=withdrawn)
    html = page(client)
    assert figure(html, "Everyone who has said “me too”") == "1"
    assert figure(html, "Short statements") == "1"
    assert figure(html, "Longer stories") == "0"


def test_each_chart_is_an_svg_with_a_title_and_has_a_table(client):
    html = page(client)
    assert html.count('<svg class="chart" role="img"') == 4
    for chart_id in [*DAILY_CHARTS, "topics-chart"]:
        chart = svg(html, chart_id)
        assert re.search(rf'<title id="{chart_id}-title">[^<]+</title>', chart)
    captions = re.findall(r"<table[^>]*>\s*<caption>([^<]+)</caption>", html)
    assert len(captions) == 2
    assert all(caption.strip() for caption in captions)


def test_the_daily_charts_have_a_bar_for_each_of_the_last_ninety_days(client):
    publish("metoo")
    publish("metoo")
    html = page(client)
    for chart_id in DAILY_CHARTS:
        assert svg(html, chart_id).count('class="chart__bar"') == 90
    assert "2 in all" in re.search(r'<title id="daily-metoo-chart-title">([^<]+)', html).group(1)
    today = timezone.now().date()
    row = re.search(rf'<time datetime="{today:%Y-%m-%d}">[^<]*</time></th>(.*?)</tr>', html)
    assert re.findall(r"<td>(\d+)</td>", row.group(1)) == ["2", "0", "0"]


def test_the_days_are_counted_on_the_day_of_publication(client):
    at = timezone.now() - timedelta(days=10)
    TestimonyFactory(published=True, story=True, published_at=at, published_on=at.date())
    services.tallies_rebuild()
    html = page(client)
    row = re.search(rf'<time datetime="{at:%Y-%m-%d}">[^<]*</time></th>(.*?)</tr>', html)
    assert re.findall(r"<td>(\d+)</td>", row.group(1)) == ["0", "0", "1"]


def test_the_topics_chart_and_table_put_the_most_common_topic_first(client):
    online = Topic.objects.get(slug="online")
    workplace = Topic.objects.get(slug="workplace")
    publish("statement", body="One.", topics=[online])
    publish("statement", body="Two.", topics=[online, workplace])
    services.testimony_submit(kind="statement", body="Pending.", topics=[workplace])
    html = page(client)
    chart = svg(html, "topics-chart")
    assert chart.count('class="chart__bar"') == Topic.objects.count()
    table = re.search(
        r'<table class="data-table">\s*<caption>Published testimonies.*?</table>', html, re.S
    )
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table.group(0))
    assert rows[:2] == [("Online", "2"), ("Workplace", "1")]
    assert all(count == "0" for _, count in rows[2:])


def test_an_empty_site_still_draws_every_chart(client):
    html = page(client)
    assert figure(html, "Everyone who has said “me too”") == "0"
    for chart_id in [*DAILY_CHARTS, "topics-chart"]:
        assert svg(html, chart_id)


def test_the_page_has_no_inline_style_or_script_for_the_csp(client):
    html = page(client)
    assert "style=" not in html
    assert "<style" not in html
    assert all(" src=" in tag for tag in re.findall(r"<script[^>]*>", html))
