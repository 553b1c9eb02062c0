import pytest
from django.contrib.auth.models import User

from testimonies.models import Testimony
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def signed_up(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "quiet-river", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return User.objects.get(username="quiet-river")


def test_sign_up_asks_only_for_a_username_and_a_password(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="username"' in html
    assert 'name="password1"' in html
    assert 'name="email"' not in html


def test_an_account_holder_sees_what_they_shared_in_one_place(client, signed_up):
    client.post("/share/", {"kind": "statement", "body": "Shared from my account."})
    client.post("/share/", {"kind": "metoo"})
    html = client.get("/accounts/testimonies/").content.decode()
    assert "Shared from my account." in html
    testimony = Testimony.objects.get(kind="statement")
    assert testimony.author == signed_up
    page = client.get(f"/manage/?t={testimony.public_id}").content.decode()
    assert "Waiting for review" in page


def test_another_account_cannot_open_my_testimony(client, signed_up):
    mine = TestimonyFactory(author=signed_up)
    client.logout()
    client.force_login(User.objects.create_user("someone-else", password=PASSWORD))
    assert client.get(f"/manage/?t={mine.public_id}").status_code == 404
    response = client.post("/manage/withdraw/", {"public_id": mine.public_id, "confirm": "on"})
    assert response.status_code == 404
    assert Testimony.objects.filter(pk=mine.pk).exists()


def test_my_testimonies_needs_signing_in(client):
    response = client.get("/accounts/testimonies/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_deleting_the_account_and_everything_in_it(client, signed_up):
    TestimonyFactory(author=signed_up, published=True)
    TestimonyFactory(author=signed_up)
    TestimonyFactory()  # someone else's
    response = client.post("/accounts/delete/", {"keep_published": "0", "confirm": "on"})
    assert response.status_code == 200
    assert not User.objects.filter(username="quiet-river").exists()
    assert Testimony.objects.count() == 1
    assert client.get("/accounts/testimonies/").status_code == 302  # signed out


def test_deleting_the_account_but_keeping_published_testimonies_detached(client, signed_up):
    published = TestimonyFactory(author=signed_up, published=True)
    TestimonyFactory(author=signed_up)
    client.post("/accounts/delete/", {"keep_published": "1", "confirm": "on"})
    assert list(Testimony.objects.all()) == [published]
    published.refresh_from_db()
    assert published.author is None
    assert published.status == "published"


def test_deleting_the_account_needs_a_choice_and_a_confirmation(client, signed_up):
    response = client.post("/accounts/delete/", {"keep_published": "1"})
    assert response.status_code == 400
    assert User.objects.filter(pk=signed_up.pk).exists()


def test_forgot_your_password_asks_for_no_email_and_says_what_can_be_done(client):
    login = client.get("/accounts/login/").content.decode()
    assert '<a href="/accounts/password/reset/">Forgot your password?</a>' in login
    response = client.get("/accounts/password/reset/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "no email address" in html
    assert 'type="email"' not in html and 'name="email"' not in html
    assert 'href="/manage/"' in html and 'href="/accounts/signup/"' in html


def test_nothing_can_be_posted_to_the_password_reset(client):
    response = client.post("/accounts/password/reset/", {"email": "someone@example.org"})
    assert response.status_code == 405
