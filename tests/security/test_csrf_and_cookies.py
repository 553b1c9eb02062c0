"""Cross-site forms, cookies on a shared device, and searches kept out of every log."""

import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from config.log_filters import NoQueryStrings
from testimonies.models import Testimony
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db


def react(testimony, **headers):
    return Client().post(
        f"/t/{testimony.public_id}/react/",
        {"kind": "believe"},
        REMOTE_ADDR="203.0.113.5",
        **headers,
    )


def believed(testimony) -> int:
    return Testimony.objects.get(pk=testimony.pk).believe_reactions


def test_a_cross_site_page_cannot_add_a_reaction():
    testimony = TestimonyFactory(published=True)
    assert react(testimony, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert react(testimony, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert react(testimony, HTTP_SEC_FETCH_SITE="same-site").status_code == 403
    assert believed(testimony) == 0


def test_a_reaction_from_the_site_itself_is_counted():
    testimony = TestimonyFactory(published=True)
    response = react(testimony, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert believed(testimony) == 1


def one_tap_metoo(**headers):
    """The wall's one-tap form as a browser sends it: no CSRF token, no cookie."""
    return Client(enforce_csrf_checks=True).post(
        "/share/", {"kind": "metoo"}, follow=True, **headers
    )


def test_the_walls_one_tap_metoo_is_counted_without_a_csrf_token_from_the_site_itself():
    response = one_tap_metoo(HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    assert "counted on the wall" in response.content.decode()
    assert Testimony.objects.filter(kind="metoo").count() == 1


def test_a_cross_site_page_cannot_add_a_metoo():
    assert one_tap_metoo(HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert one_tap_metoo(HTTP_ORIGIN="https://evil.example").status_code == 403
    assert not Testimony.objects.exists()


@pytest.mark.parametrize(
    "words",
    [{"kind": "statement", "body": "At 14."}, {"kind": "metoo", "body": "At 14."}, {"title": "x"}],
)
def test_words_still_need_the_csrf_token_even_from_the_site_itself(words):
    response = Client(enforce_csrf_checks=True).post(
        "/share/", {"kind": "metoo", **words}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 403
    assert "expired" in response.content.decode()  # the form comes back with the words
    assert not Testimony.objects.exists()


def test_the_wall_stays_one_cached_page_for_everyone_with_its_reaction_forms():
    TestimonyFactory(published=True, body="Cached for all.")
    first, second = Client().get("/"), Client().get("/")
    assert first.content == second.content
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "Set-Cookie" not in first.headers and not first.cookies


def test_react_with_a_next_that_is_not_a_path_returns_to_the_testimony():
    testimony = TestimonyFactory(published=True)
    response = Client().post(f"/t/{testimony.public_id}/react/", {"kind": "believe", "next": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(testimony.get_absolute_url())


def test_the_csrf_cookie_and_the_session_end_with_the_browser(client, django_user_model):
    response = client.get("/share/")
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["max-age"] == "" and csrf["expires"] == ""
    user = django_user_model.objects.create_user("quiet-author", password="x" * 20)
    response = client.post("/accounts/login/", {"login": user.username, "password": "x" * 20})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["max-age"] == "" and session["expires"] == ""
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_an_anonymous_session_lasts_hours_not_weeks(client):
    session = client.session
    session["something"] = 1
    session.save()
    assert session.get_expiry_age() <= 12 * 60 * 60
    assert session.get_expire_at_browser_close()


def test_no_log_line_keeps_a_search():
    filters = [f for handler in logging.getLogger().handlers for f in handler.filters]
    assert any(isinstance(f, NoQueryStrings) for f in filters)
    # What Django's development server logs for a search, as the console handler writes it.
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /?q=my-abusers-name&topic=work HTTP/1.1", 200, 12),
        None,
    )
    assert all(f.filter(record) for f in filters)
    assert record.getMessage() == '"GET /?… HTTP/1.1" 200 12'


def test_gunicorn_s_access_log_names_no_address_and_no_query_string():
    conf = (Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py").read_text()
    scope: dict = {}
    exec(compile(conf, "gunicorn.conf.py", "exec"), scope)  # noqa: S102
    assert "%(h)s" not in scope["access_log_format"]
    assert not re.search(r"%\((r|q|u|U\?|\{[^}]*\}i)\)s", scope["access_log_format"])
    assert "%(U)s" in scope["access_log_format"]
    assert scope["worker_class"] == "gthread"
