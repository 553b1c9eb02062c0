"""The read-only JSON API: its contract, keyset paging, filters, and what it never shows."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from testimonies import services
from testimonies.models import Reaction, Testimony, Topic
from tests.factories import TestimonyFactory
from wall import services as wall_services

pytestmark = pytest.mark.django_db

TESTIMONIES = "/api/v1/testimonies/"
STATS = "/api/v1/stats/"
RESULT_FIELDS = {
    "id",
    "kind",
    "language",
    "title",
    "body",
    "topics",
    "content_warnings",
    "published_on",
    "reactions",
}


def published(*, ago=timedelta(0), **fields) -> Testimony:
    """A published testimony, published ``ago`` before now (so the order is known)."""
    at = timezone.now() - ago
    return TestimonyFactory(published=True, published_at=at, published_on=at.date(), **fields)


def submitted(kind="statement", **fields) -> Testimony:
    return services.testimony_submit(kind=kind, **fields).testimony


def published_through_services(kind="statement", **fields) -> Testimony:
    testimony = submitted(kind, **fields)
    if testimony.status != Testimony.Status.PUBLISHED:
        services.testimony_publish(testimony=testimony)
    return testimony


def every_page(client, url=TESTIMONIES, between_pages=None) -> list[dict]:
    """Follow ``next`` to the end, calling between_pages() after each page; all the results."""
    results = []
    while url:
        body = client.get(url).json()
        results.extend(body["results"])
        url = body["next"]
        if between_pages:
            between_pages()
    return results


# --- The contract ----------------------------------------------------------------------------


def test_a_testimony_is_listed_with_exactly_the_fields_of_the_contract(client):
    story = published(story=True)
    story.topics.set(Topic.objects.filter(slug__in=["workplace", "online"]))
    story.content_warnings.set(story.content_warnings.model.objects.filter(slug="harassment"))
    Testimony.objects.filter(pk=story.pk).update(
        believe_reactions=3, metoo_reactions=2, strength_reactions=1
    )

    body = client.get(TESTIMONIES).json()

    assert set(body) == {"results", "next"}
    [result] = body["results"]
    assert set(result) == RESULT_FIELDS
    assert result == {
        "id": story.public_id,
        "kind": "story",
        "language": "en",
        "title": story.title,
        "body": story.body,
        "topics": ["workplace", "online"],
        "content_warnings": ["harassment"],
        "published_on": story.published_on.isoformat(),
        "reactions": {"believe": 3, "metoo": 2, "strength": 1},
    }


def test_the_public_id_is_the_only_id_and_nothing_says_who_or_when_to_the_minute(
    client, django_user_model
):
    author = django_user_model.objects.create_user(username="quiet-author-name")
    testimony = published(author=author)
    text = client.get(TESTIMONIES).content.decode()
    assert testimony.public_id in text
    assert "quiet-author-name" not in text
    assert testimony.published_at.isoformat()[:16] not in text  # no time of day anywhere
    assert f'"id": {testimony.pk}' not in text


def test_reactions_counted_on_the_wall_show_in_the_api(client):
    testimony = published()
    wall_services.reaction_add(testimony=testimony, kind=Reaction.Kind.BELIEVE, reader_key="a")
    wall_services.reaction_add(testimony=testimony, kind=Reaction.Kind.BELIEVE, reader_key="b")
    [result] = client.get(TESTIMONIES).json()["results"]
    assert result["reactions"] == {"believe": 2, "metoo": 0, "strength": 0}


def test_testimonies_are_listed_newest_first_and_the_last_page_has_no_next(client):
    oldest, middle, newest = (published(ago=timedelta(days=days)) for days in (3, 2, 1))
    body = client.get(TESTIMONIES).json()
    assert [result["id"] for result in body["results"]] == [
        newest.public_id,
        middle.public_id,
        oldest.public_id,
    ]
    assert body["next"] is None


def test_bare_metoos_are_counted_in_the_stats_but_not_listed(client):
    published_through_services("metoo")
    statement = published_through_services("statement", body="At 14. Me too.")
    assert [result["id"] for result in client.get(TESTIMONIES).json()["results"]] == [
        statement.public_id
    ]
    assert client.get(STATS).json()["totals"]["metoo"] == 1


# --- Paging ----------------------------------------------------------------------------------


def test_next_is_an_absolute_url_that_leads_to_the_following_page(client, settings):
    settings.WALL_PAGE_SIZE = 2
    for days in range(5):
        published(ago=timedelta(days=days))
    first = client.get(TESTIMONIES).json()
    assert len(first["results"]) == 2
    assert first["next"].startswith("http://testserver/api/v1/testimonies/?")
    assert "cursor" in parse_qs(urlsplit(first["next"]).query)
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 2
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_paging_with_next_returns_every_testimony_exactly_once_while_new_ones_are_published(
    client, settings
):
    settings.WALL_PAGE_SIZE = 3
    already_there = {published(ago=timedelta(hours=hours)).public_id for hours in range(1, 11)}

    results = every_page(client, between_pages=lambda: published(ago=timedelta(0)))

    ids = [result["id"] for result in results]
    assert len(ids) == len(set(ids)), "a testimony came twice"
    assert set(ids) == already_there


def test_paging_keeps_the_filters_in_next(client, settings):
    settings.WALL_PAGE_SIZE = 1
    stories = {published(story=True, ago=timedelta(days=days)).public_id for days in (1, 2, 3)}
    published(ago=timedelta(hours=1))  # a statement, in between

    first = client.get(TESTIMONIES, {"kind": "story"}).json()
    assert parse_qs(urlsplit(first["next"]).query)["kind"] == ["story"]
    results = every_page(client, f"{TESTIMONIES}?kind=story")
    assert {result["id"] for result in results} == stories


@pytest.mark.parametrize(
    "cursor", ["garbage", "gAAAAABnotreallyatoken==", "%00", "ü" * 50, "x" * 5000]
)
def test_a_cursor_that_is_not_ours_gets_a_400_that_says_so(client, cursor):
    published()
    response = client.get(TESTIMONIES, {"cursor": cursor})
    assert response.status_code == 400
    assert "out of date" in response.json()["error"]


def test_an_empty_cursor_is_the_first_page(client, settings):
    settings.WALL_PAGE_SIZE = 2
    newest = published()
    published(ago=timedelta(days=1))
    published(ago=timedelta(days=2))
    response = client.get(TESTIMONIES, {"cursor": ""})
    assert response.status_code == 200
    assert response.json()["results"][0]["id"] == newest.public_id


# --- Filters ---------------------------------------------------------------------------------


def test_kind_topic_and_search_filter_like_the_wall(client):
    workplace = Topic.objects.get(slug="workplace")
    story = published(story=True, body="It happened at the lighthouse.")
    statement = published(body="On the night bus home.")
    story.topics.add(workplace)

    def ids(**params):
        return [result["id"] for result in client.get(TESTIMONIES, params).json()["results"]]

    assert ids(kind="story") == [story.public_id]
    assert ids(kind="statement") == [statement.public_id]
    assert ids(topic="workplace") == [story.public_id]
    assert ids(q="lighthouse") == [story.public_id]
    assert ids(q="nothing-says-this") == []


def test_each_result_says_its_language_and_the_language_filter_keeps_one(client):
    english = published(body="On the night bus home.", ago=timedelta(hours=1))
    spanish = published(body="En el autobús nocturno, volviendo a casa.", language="es")
    arabic = published(body="في الحافلة الليلية في طريقي إلى البيت.", language="ar")

    def results(**params):
        return {r["id"]: r["language"] for r in client.get(TESTIMONIES, params).json()["results"]}

    assert results() == {english.public_id: "en", spanish.public_id: "es", arabic.public_id: "ar"}
    assert results(language="es") == {spanish.public_id: "es"}
    assert results(language="ar") == {arabic.public_id: "ar"}
    assert results(language="fr") == {}


def test_paging_keeps_the_language_in_next(client, settings):
    settings.WALL_PAGE_SIZE = 1
    french = {
        published(body=f"Moi aussi, {n}.", language="fr", ago=timedelta(days=n)).public_id
        for n in (1, 2, 3)
    }
    published(ago=timedelta(hours=1))  # English, in between

    first = client.get(TESTIMONIES, {"language": "fr"}).json()
    assert parse_qs(urlsplit(first["next"]).query)["language"] == ["fr"]
    assert {result["id"] for result in every_page(client, f"{TESTIMONIES}?language=fr")} == french


@pytest.mark.parametrize(
    "query",
    ["q=" + "(" * 150, "q=%22unclosed", "q=%00", "q=%FF%FE", "kind[]=story", "q=a&q=b"],
)
def test_no_search_makes_the_api_fail(client, query):
    published()
    response = client.get(f"{TESTIMONIES}?{query}")
    assert response.status_code == 200
    assert set(response.json()) == {"results", "next"}


@pytest.mark.parametrize(
    "query",
    [
        "kind=everything",
        "kind=metoo",
        "topic=no-such-topic",
        "topic=" + "t" * 1000,
        "q=" + "w" * 201,
        "topic=%00",
        "language=de",
        "language=EN",
        "language=" + "l" * 1000,
        "kind=%00&topic=%00&q=%00&cursor=%00",
        "cursor=one&cursor=two",
    ],
)
def test_a_query_the_api_never_links_to_gets_a_400_that_says_why(client, query):
    published()
    response = client.get(f"{TESTIMONIES}?{query}")
    assert response.status_code == 400
    assert set(response.json()) == {"error"}


# --- What is never public --------------------------------------------------------------------


def test_only_published_testimonies_are_listed_or_found_by_search(client):
    word = "lighthouse"
    visible = published_through_services("statement", body=f"The {word}, that summer.")
    submitted("statement", body=f"Pending at the {word}.")
    rejected = submitted("statement", body=f"Rejected at the {word}.")
    services.testimony_reject(testimony=rejected, reason="spam")
    hidden = published_through_services("statement", body=f"Hidden at the {word}.")
    services.testimony_hide(testimony=hidden)
    withdrawn = published_through_services("statement", body=f"Withdrawn at the {word}.")
    services.testimony_withdraw(testimony=withdrawn)

    for params in ({}, {"q": word}, {"kind": "statement"}):
        results = client.get(TESTIMONIES, params).json()["results"]
        assert [result["id"] for result in results] == [visible.public_id], params


def test_the_stats_count_only_what_is_published(client):
    published_through_services("metoo")
    published_through_services("metoo")
    published_through_services("statement", body="Me too, at work.")
    published_through_services("story", body="A longer story. " * 20, title="Years")
    submitted("statement", body="Still waiting for review.")
    rejected = submitted("statement", body="Not a testimony.")
    services.testimony_reject(testimony=rejected, reason="not_testimony")
    hidden = published_through_services("statement", body="Reported, hidden.")
    services.testimony_hide(testimony=hidden)
    withdrawn = published_through_services("story", body="Taken back.", title="Gone")
    services.testimony_withdraw(testimony=withdrawn)

    body = client.get(STATS).json()

    assert body["totals"] == {"metoo": 2, "statement": 1, "story": 1, "all": 4}
    today = next(row for row in body["per_day"] if row["day"] == timezone.now().date().isoformat())
    assert today == {"day": today["day"], "metoo": 2, "statement": 1, "story": 1}


# --- Stats -----------------------------------------------------------------------------------


def test_the_stats_have_totals_ninety_days_and_topics(client):
    body = client.get(STATS).json()
    assert set(body) == {"totals", "per_day", "topics"}
    assert set(body["totals"]) == {"metoo", "statement", "story", "all"}
    assert len(body["per_day"]) == 90
    days = [row["day"] for row in body["per_day"]]
    assert days == sorted(days)
    assert days[-1] == timezone.now().date().isoformat()
    assert all(set(row) == {"day", "metoo", "statement", "story"} for row in body["per_day"])
    assert {"slug": "workplace", "name": "Workplace", "count": 0} in body["topics"]


def test_the_stats_totals_match_the_daily_rows_and_the_topics(client):
    workplace, online = Topic.objects.get(slug="workplace"), Topic.objects.get(slug="online")
    for days, kind in [(0, "metoo"), (0, "statement"), (3, "story"), (3, "metoo"), (89, "story")]:
        at = timezone.now() - timedelta(days=days)
        testimony = TestimonyFactory(
            published=True,
            published_at=at,
            published_on=at.date(),
            **({"metoo": True} if kind == "metoo" else {"story": kind == "story"}),
        )
        if kind != "metoo":
            testimony.topics.set([workplace, online] if kind == "story" else [online])
    services.tallies_rebuild()

    body = client.get(STATS).json()

    for kind in ("metoo", "statement", "story"):
        assert sum(row[kind] for row in body["per_day"]) == body["totals"][kind]
    assert body["totals"]["all"] == 5
    assert body["totals"]["all"] == sum(body["totals"][k] for k in ("metoo", "statement", "story"))
    counts = {topic["slug"]: topic["count"] for topic in body["topics"]}
    assert counts["online"] == 3
    assert counts["workplace"] == 2
    assert counts["family"] == 0


# --- HTTP ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [TESTIMONIES, STATS])
def test_any_site_may_read_the_api_and_caches_keep_it_briefly(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=1" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("url", [TESTIMONIES, STATS])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(url, method):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert not Testimony.objects.exists()


def test_the_count_says_how_many_in_all_and_today_in_the_readers_words(client):
    for _ in range(2):
        services.testimony_submit(kind="metoo")
    published(ago=timedelta(days=3))  # counted in all, not today
    services.tallies_rebuild()
    counted = client.get("/api/v1/count/")
    assert counted["Cache-Control"] == "public, max-age=5"
    assert counted.json() == {
        "metoo_count": 3,
        "metoo_count_today": 2,
        "display": "3",
        "sentence": "3 people have said “me too”",
        "today_sentence": "2 of them today.",
    }
