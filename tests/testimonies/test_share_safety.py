"""The share form never loses words and never saves them twice: outages, reloads, hostile sizes."""

import contextlib
import re

import psycopg
import pytest
from django.db import connection

from config.database import cut_connection
from testimonies.models import ContentWarning, Testimony, Topic
from testimonies.services import testimony_submit

SHARE = "/share/"
STORY = "It was at a party, years ago. Nobody saw, and I said nothing for a long time. " * 3


def token_of(html: str) -> str:
    # The share form's own token, not the one-tap "me too" form's above it.
    return re.search(r'name="submission_token" value="([^"]+)" id="id_submission_token"', html)[1]


@contextlib.contextmanager
def outage():
    """The database stops answering: every connection is refused, as by a stopped server."""
    settings_dict = connection.settings_dict
    saved = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", "9"
    try:
        yield
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = saved


@pytest.fixture
def database_down(on_postgres):
    with outage():
        yield


# --- Sending twice -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_form_sent_twice_is_saved_once_and_the_second_answer_says_so(client):
    token = token_of(client.get(SHARE).content.decode())
    data = {"kind": "story", "body": STORY, "submission_token": token}

    first = client.post(SHARE, data)
    again = client.post(SHARE, data)

    assert "Your receipt code" in first.content.decode()
    assert again.status_code == 200
    html = again.content.decode()
    assert "We already received this" in html
    assert "Your receipt code" not in html
    assert Testimony.objects.count() == 1


@pytest.mark.django_db
def test_a_me_too_tapped_twice_is_counted_once(client):
    token = token_of(client.get(SHARE).content.decode())
    for _ in range(2):
        client.post(SHARE, {"kind": "metoo", "submission_token": token})
    assert Testimony.objects.filter(kind="metoo").count() == 1


@pytest.mark.django_db
def test_two_forms_with_the_same_words_are_two_testimonies(client):
    for _ in range(2):
        token = token_of(client.get(SHARE).content.decode())
        client.post(SHARE, {"kind": "statement", "body": "Me too.", "submission_token": token})
    assert Testimony.objects.count() == 2


@pytest.mark.django_db
def test_the_token_is_stored_only_as_a_hash(client):
    token = token_of(client.get(SHARE).content.decode())
    client.post(SHARE, {"kind": "statement", "body": "Me too.", "submission_token": token})
    stored = Testimony.objects.get().submission_token_hash
    assert stored and token not in stored


# --- Hostile sizes -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_text_far_over_the_limit_is_refused_before_cleaning_with_every_word_kept(client):
    body = "word " * 5000  # 25,000 characters
    response = client.post(SHARE, {"kind": "story", "body": body})
    assert response.status_code == 400
    html = response.content.decode()
    assert "can be up to 20,000 characters; yours has 24,999" in html
    assert html.count("word ") >= 5000
    assert not Testimony.objects.exists()


@pytest.mark.django_db
def test_a_body_larger_than_any_story_could_be_is_refused_unread(client):
    response = client.post(SHARE, {"kind": "story", "body": "<a " * 350_000})  # about 1 MB
    assert response.status_code == 400
    assert not Testimony.objects.exists()


@pytest.mark.django_db
def test_hostile_posts_count_against_the_limit_before_they_are_cleaned(client, settings):
    settings.RATELIMITS = {"share_attempt": ["3/h"]}
    hostile = {"kind": "metoo", "body": "<a " * 7000}
    statuses = [client.post(SHARE, hostile).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    # The refused page still holds what was sent.
    assert "&lt;a &lt;a" in client.post(SHARE, hostile).content.decode()


@pytest.mark.django_db
def test_correcting_a_refused_form_does_not_use_up_the_share_limit(client, settings):
    settings.RATELIMITS = {"share": ["1/h"]}
    assert client.post(SHARE, {"kind": "statement", "body": ""}).status_code == 400
    assert client.post(SHARE, {"kind": "statement", "body": "x" * 300}).status_code == 400
    assert client.post(SHARE, {"kind": "statement", "body": "Me too."}).status_code == 200


# --- The database down -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_share_form_renders_with_its_topics_while_the_database_is_down(client, database_down):
    response = client.get(SHARE)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="body"' in html
    assert "Workplace" in html and "Sexual assault" in html


@pytest.mark.django_db(transaction=True)
def test_topics_an_operator_renamed_are_shown_from_the_copy_during_an_outage(
    client, on_postgres, request
):
    # Made here: a transactional test may find the seeded labels flushed by the one before.
    Topic.objects.update_or_create(slug="workplace", defaults={"name": "At work"})
    client.get(SHARE)  # a normal visit keeps a copy
    request.getfixturevalue("database_down")
    html = client.get(SHARE).content.decode()
    assert "At work" in html


@pytest.mark.django_db(transaction=True)
def test_a_story_sent_while_the_database_is_down_comes_back_with_every_word(client, on_postgres):
    Topic.objects.get_or_create(slug="workplace", defaults={"name": "Workplace"})
    ContentWarning.objects.get_or_create(slug="harassment", defaults={"name": "Harassment"})
    token = token_of(client.get(SHARE).content.decode())
    data = {
        "kind": "story",
        "title": "Years later",
        "body": STORY,
        "topics": ["workplace"],
        "content_warnings": ["harassment"],
        "submission_token": token,
    }
    with outage():
        response = client.post(SHARE, data)

    assert response.status_code == 503
    html = response.content.decode()
    assert "We could not save this yet. Your words are below" in html
    assert STORY.strip().split(". ")[0] in html
    assert 'value="Years later"' in html
    assert re.search(r'value="workplace"[^>]*checked', html)
    assert re.search(r'value="harassment"[^>]*checked', html)
    assert token_of(html) == token
    # Sent again once the database is back, it is saved, once.
    assert client.post(SHARE, data).status_code == 200
    assert client.post(SHARE, data).status_code == 200
    assert Testimony.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_words_come_back_when_the_connection_is_lost_as_the_forms_choices_are_read(
    client, on_postgres, monkeypatch
):
    # The topics and warnings are read through a server-side cursor; the connection is lost
    # between its last fetch and its close (a deadline firing there, as it did in CI).
    Topic.objects.get_or_create(slug="workplace", defaults={"name": "Workplace"})
    close = psycopg.ServerCursor.close

    def lost_then_close(cursor):
        cut_connection(connection)
        close(cursor)

    monkeypatch.setattr(psycopg.ServerCursor, "close", lost_then_close)
    # No text yet: the form comes back to be finished, with the title already typed.
    response = client.post(SHARE, {"kind": "story", "title": "Years later", "body": ""})
    monkeypatch.undo()
    connection.close_if_unusable_or_obsolete()  # what Django does after a request

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Years later"' in html
    assert "Workplace" in html


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_author_still_gets_the_form_while_the_database_is_down(
    client, django_user_model, on_postgres
):
    client.force_login(django_user_model.objects.create_user("survivor", password="x" * 12))
    with outage():
        response = client.get(SHARE)
    assert response.status_code == 200
    assert 'name="body"' in response.content.decode()


# --- The author's changes, with the database down --------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_authors_edit_sent_while_the_database_is_down_comes_back_with_every_word(
    client, on_postgres
):
    code = testimony_submit(kind="statement", body="Me too.").receipt_code
    edit = {"code": code, "kind": "statement", "body": "Me too, at work, for years."}

    with outage():
        response = client.post("/manage/edit/", edit)

    assert response.status_code == 503
    html = response.content.decode()
    assert "We could not save this yet. Your words are below" in html
    assert "Me too, at work, for years." in html
    assert f'value="{code}"' in html
    assert Testimony.objects.get().body == "Me too."


@pytest.mark.django_db(transaction=True)
def test_an_appeal_sent_while_the_database_is_down_comes_back_with_every_word(client, on_postgres):
    code = testimony_submit(kind="statement", body="Me too.").receipt_code
    Testimony.objects.update(status=Testimony.Status.REJECTED)
    appeal = {"code": code, "note": "Nothing in it could identify anyone, please look again."}

    with outage():
        response = client.post("/manage/appeal/", appeal)

    assert response.status_code == 503
    assert appeal["note"] in response.content.decode()
    assert Testimony.objects.get().appealed_at is None


# --- A bare "me too" is limited apart, and more loosely ----------------------------------------


@pytest.mark.django_db
def test_a_bare_metoo_counts_against_its_own_looser_limit_not_the_words_limits(client, settings):
    settings.RATELIMITS = {"share": ["1/h"], "share_attempt": ["2/h"], "share_metoo": ["4/h"]}
    # The wall's one-tap form posts kind=metoo and nothing else.
    statuses = [client.post(SHARE, {"kind": "metoo"}, follow=True).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert Testimony.objects.filter(kind="metoo").count() == 4
    # The words' limits are untouched: a statement still goes through.
    assert client.post(SHARE, {"kind": "statement", "body": "Me too."}).status_code == 200


@pytest.mark.django_db
def test_statements_used_up_do_not_stop_a_bare_metoo(client, settings):
    settings.RATELIMITS = {"share": ["1/h"], "share_attempt": ["1/h"]}
    client.post(SHARE, {"kind": "statement", "body": "Me too."})
    assert client.post(SHARE, {"kind": "statement", "body": "Again."}).status_code == 429
    assert client.post(SHARE, {"kind": "metoo"}, follow=True).status_code == 200


@pytest.mark.django_db
def test_the_default_metoo_limit_is_far_looser_than_for_words():
    from config.ratelimits import rates_for

    assert rates_for("share_metoo") == ["60/h", "300/d"]
    assert rates_for("share") == ["5/h", "20/d"]


@pytest.mark.django_db
def test_a_refused_share_says_when_to_try_again(client, settings, monkeypatch):
    settings.RATELIMITS = {"share": ["1/h"]}
    now = 1_800_000_000 // 3600 * 3600 + 15 * 60  # a quarter past the hour
    monkeypatch.setattr("config.ratelimits.time.time", lambda: now)
    client.post(SHARE, {"kind": "statement", "body": "Me too."})
    html = client.post(SHARE, {"kind": "statement", "body": "Kept words."}).content.decode()
    assert "Nothing was lost" in html and "Kept words." in html
    assert "One network can send this form 1 time before a pause, and none is left" in html
    assert "You can try again in 45\xa0minutes." in html
