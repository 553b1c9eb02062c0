"""The demo content a new install shows: each text carries the topics a reader would give it."""

from io import StringIO

import pytest
from django.core.management import call_command

from testimonies.management.commands import load_demo_content as demo
from testimonies.models import ContentWarning, Testimony, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_demo_content", "--metoos", "0", stdout=StringIO())


def topics_of(body_start: str) -> set[str]:
    testimony = Testimony.objects.get(body__startswith=body_start)
    return set(testimony.topics.values_list("slug", flat=True))


def test_every_topic_and_warning_named_by_the_demo_exists_on_a_new_install():
    topics = set(Topic.objects.values_list("slug", flat=True))
    warnings = set(ContentWarning.objects.values_list("slug", flat=True))
    named = [slug for _body, slugs in demo.STATEMENTS for slug in slugs]
    named += [slug for _lang, _body, slugs in demo.OTHER_LANGUAGES for slug in slugs]
    named += [slug for _title, _body, slugs, _warnings in demo.STORIES for slug in slugs]
    assert set(named) <= topics
    assert {slug for *_rest, slugs in demo.STORIES for slug in slugs} <= warnings


def test_each_demo_text_has_the_topics_its_words_describe(loaded):
    assert topics_of("During basic training") == {"military"}
    assert topics_of("The doctor said") == {"healthcare"}
    assert topics_of("Online, every day") == {"online"}
    assert topics_of("It was a religious retreat") == {"religious-setting"}
    assert topics_of("My partner called it love") == {"relationship"}
    assert topics_of("I loved the sport") == {"sport", "childhood"}


def test_a_topic_filter_on_the_wall_shows_only_what_fits(loaded, client):
    html = client.get("/", {"topic": "online"}).content.decode()
    assert "Online, every day, for a year" in html
    assert "During basic training" not in html
    assert "During basic training" in client.get("/", {"topic": "military"}).content.decode()
