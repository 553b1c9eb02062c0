"""Every kind of response carries the security headers: pages, redirects, errors, static files
and the admin, and the production settings pass Django's deployment checklist."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from config import health
from tests.factories import ModeratorFactory, TestimonyFactory

pytestmark = pytest.mark.django_db


def assert_protected(response, what: str) -> None:
    csp = response.get("Content-Security-Policy", "")
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, what
    assert response.get("X-Content-Type-Options") == "nosniff", what
    assert response.get("X-Frame-Options") == "DENY", what
    assert response.get("Referrer-Policy") == "same-origin", what


def test_every_status_carries_the_headers(settings, monkeypatch, sign_in_moderator):
    client = Client(raise_request_exception=False)
    testimony = TestimonyFactory(published=True)
    seen = {}

    seen[200] = client.get("/")
    seen[302] = client.get("/moderation/")
    seen[400] = client.post("/share/", {"kind": "poem"})
    seen[404] = client.get("/no-such-page/")
    settings.RATELIMITS = {"report": ["1/h"]}
    client.post(f"/t/{testimony.public_id}/report/", {"reason": "spam"})
    seen[429] = client.post(f"/t/{testimony.public_id}/report/", {"reason": "spam"})
    monkeypatch.setitem(health.CHECKS, "broker", lambda: False)
    seen[503] = client.get("/healthz")
    monkeypatch.setattr("wall.views.selectors.statistics", lambda: 1 / 0)
    seen[500] = client.get("/stats/")
    seen[415] = client.generic(
        "POST",
        "/share/",
        b"kind=x",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )
    reader = Client()
    reader.force_login(User.objects.create_user("reader", password="x" * 20))
    seen[403] = reader.get("/moderation/")

    for status, response in seen.items():
        assert response.status_code == status, (status, response.status_code)
        assert_protected(response, f"status {status}")

    admin = Client()
    sign_in_moderator(admin, ModeratorFactory(is_staff=True, is_superuser=True))
    for url in ("/admin/", "/admin/moderation/auditentry/", "/admin/login/"):
        assert_protected(admin.get(url), url)


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_carry_the_headers():
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert_protected(response, "a static file")
