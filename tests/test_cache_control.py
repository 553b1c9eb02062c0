"""Which pages a shared cache (the nginx in front) may keep, and which no cache may ever store."""

import pytest

from tests.factories import ModeratorFactory, TestimonyFactory

pytestmark = pytest.mark.django_db

PUBLIC = "max-age=1, public"


def cache_control(response) -> str:
    return ", ".join(sorted(part.strip() for part in response["Cache-Control"].split(",")))


@pytest.mark.parametrize(
    "path", ["/", "/?kind=story", "/stats/", "/feed/", "/resources/", "/safety/", "/privacy/"]
)
def test_pages_that_are_the_same_for_everyone_may_be_kept_a_few_seconds(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert cache_control(response) == PUBLIC


def test_a_published_testimony_may_be_kept_a_few_seconds(client):
    testimony = TestimonyFactory(published=True)
    response = client.get(f"/t/{testimony.public_id}/")
    assert cache_control(response) == PUBLIC


def test_a_missing_testimony_is_never_kept_so_a_withdrawal_is_not_held_back(client):
    response = client.get("/t/nothing-here/")
    assert response.status_code == 404
    assert cache_control(response) == "no-store, private"


def test_the_api_says_how_long_it_may_be_kept(client):
    response = client.get("/api/v1/testimonies/")
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/share/", "/manage/", "/healthz", "/accounts/login/"])
def test_forms_and_private_pages_are_never_stored(client, path):
    response = client.get(path)
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_posted_testimony_and_its_receipt_are_never_stored(client):
    response = client.post("/share/", {"kind": "statement", "body": "It happened at work."})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_signed_in_visitor_sees_their_own_wall_which_no_cache_keeps(client):
    client.force_login(ModeratorFactory())
    response = client.get("/")
    assert cache_control(response) == "no-store, private"


def test_a_visitor_with_a_message_waiting_gets_their_own_wall(client):
    testimony = TestimonyFactory(published=True)
    client.post(f"/t/{testimony.public_id}/react/", {"kind": "believe", "next": "/"})
    response = client.get("/")
    assert b"Thank you" in response.content
    assert cache_control(response) == "no-store, private"
