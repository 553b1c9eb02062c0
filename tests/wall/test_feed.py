"""The Atom feed: valid Atom, the newest fifty, dated by the day, and nothing unpublished."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from testimonies import services
from testimonies.models import ContentWarning, Testimony
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

FEED = "/feed/"
ATOM = "{http://www.w3.org/2005/Atom}"
MIDNIGHT_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00(\+00:00|Z)$")


def published(*, ago=timedelta(0), **fields) -> Testimony:
    at = timezone.now() - ago
    return TestimonyFactory(published=True, published_at=at, published_on=at.date(), **fields)


def feed(client) -> ET.Element:
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input


def entries(client) -> list[ET.Element]:
    return feed(client).findall(f"{ATOM}entry")


def entry_for(client, testimony) -> ET.Element:
    url = f"http://testserver{testimony.get_absolute_url()}"
    [entry] = [entry for entry in entries(client) if entry.findtext(f"{ATOM}id") == url]
    return entry


def test_the_feed_is_valid_atom_with_what_every_entry_needs(client):
    published(story=True)
    published()
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), name
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feed/"
    assert root.findtext(f"{ATOM}subtitle")
    # Atom wants an author for the feed (or for each entry): it is the site, never a person.
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Me too, safely"
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert entry.findtext(f"{ATOM}id") == link
        assert entry.find(f"{ATOM}summary").get("type") == "html"


def test_an_empty_feed_is_still_valid_atom(client):
    root = feed(client)
    assert root.findall(f"{ATOM}entry") == []
    assert MIDNIGHT_UTC.match(root.findtext(f"{ATOM}updated"))


def test_every_date_in_the_feed_is_the_day_only(client):
    yesterday = published(ago=timedelta(days=1, hours=3, minutes=17))
    published()
    root = feed(client)
    dates = [root.findtext(f"{ATOM}updated")] + [
        element.text
        for entry in root.findall(f"{ATOM}entry")
        for element in (entry.find(f"{ATOM}published"), entry.find(f"{ATOM}updated"))
    ]
    assert len(dates) == 5
    assert all(MIDNIGHT_UTC.match(date) for date in dates), dates
    entry = entry_for(client, yesterday)
    assert entry.findtext(f"{ATOM}published").startswith(yesterday.published_on.isoformat())
    assert client.get(FEED)["Last-Modified"].endswith("00:00:00 GMT")


def test_the_feed_has_the_fifty_newest_newest_first(client):
    testimonies = [published(ago=timedelta(hours=hours)) for hours in range(55)]
    urls = [entry.findtext(f"{ATOM}id") for entry in entries(client)]
    assert urls == [f"http://testserver{t.get_absolute_url()}" for t in testimonies[:50]]


def test_a_story_is_titled_and_summarised_and_a_statement_is_given_in_full(client):
    story = published(story=True, title="Years later", body=" ".join(f"w{n}" for n in range(300)))
    statement = published(body="At 8, at 12, at 14, at 19. Me too.")

    story_entry = entry_for(client, story)
    assert story_entry.findtext(f"{ATOM}title") == "Years later"
    summary = story_entry.findtext(f"{ATOM}summary")
    assert "w79" in summary
    assert "w80" not in summary
    assert "…" in summary

    statement_entry = entry_for(client, statement)
    assert statement_entry.findtext(f"{ATOM}title") == "Short statement"
    assert "At 8, at 12, at 14, at 19. Me too." in statement_entry.findtext(f"{ATOM}summary")


def test_markup_in_a_testimony_reaches_feed_readers_as_text(client):
    testimony = published(body='<script>alert(1)</script><img src="x"> & more')
    summary = entry_for(client, testimony).findtext(f"{ATOM}summary")
    assert "<script>" not in summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary
    assert "&lt;img" in summary


def test_content_warnings_come_before_the_text(client):
    testimony = published(body="What happened.")
    testimony.content_warnings.set(ContentWarning.objects.filter(slug="sexual-assault"))
    summary = entry_for(client, testimony).findtext(f"{ATOM}summary")
    assert summary.index("Content warning: Sexual assault") < summary.index("What happened.")


def test_entries_name_no_author(client, django_user_model):
    author = django_user_model.objects.create_user(username="quiet-author-name")
    testimony = published(author=author)
    entry = entry_for(client, testimony)
    assert entry.find(f"{ATOM}author") is None
    assert b"quiet-author-name" not in client.get(FEED).content


def test_only_published_statements_and_stories_are_in_the_feed(client):
    def submit(kind="statement", **fields):
        return services.testimony_submit(kind=kind, **fields).testimony

    def publish(kind="statement", **fields):
        testimony = submit(kind, **fields)
        if testimony.status != Testimony.Status.PUBLISHED:
            services.testimony_publish(testimony=testimony)
        return testimony

    visible = publish(body="Published and visible.")
    publish("metoo")
    submit(body="Waiting for review.")
    rejected = submit(body="Rejected.")
    services.testimony_reject(testimony=rejected, reason="spam")
    hidden = publish(body="Hidden after reports.")
    services.testimony_hide(testimony=hidden)
    withdrawn = publish(body="Withdrawn by the author.")
    withdrawn_url = withdrawn.get_absolute_url()
    services.testimony_withdraw(testimony=withdrawn)

    content = client.get(FEED).content.decode()
    assert [entry.findtext(f"{ATOM}id") for entry in entries(client)] == [
        f"http://testserver{visible.get_absolute_url()}"
    ]
    for words in ("Waiting for review", "Rejected.", "Hidden after", "Withdrawn by"):
        assert words not in content
    assert withdrawn_url not in content
