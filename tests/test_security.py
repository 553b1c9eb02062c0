"""Every response carries the security headers and a strict CSP, and no page has inline code."""

import re

import pytest

from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/share/",
    "/resources/",
    "/safety/",
    "/privacy/",
    "/guidelines/",
    "/healthz",
    "/nope/",
]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_error_responses_carry_the_csp_too(client):
    response = client.post("/share/", {"kind": "poem"})
    assert response.status_code == 400
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path", ["/", "/share/", "/resources/", "/safety/", "/privacy/", "/guidelines/"]
)
def test_no_page_has_inline_scripts_styles_or_third_party_assets(client, path):
    TestimonyFactory(published=True, story=True)
    html = client.get(path).content.decode()
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        if src.startswith(("http://", "https://", "//")):
            # Links out are fine (crisis lines, leave this site); nothing is loaded from them.
            assert not src.endswith((".js", ".css", ".woff2", ".png", ".svg"))


def test_stored_markup_is_shown_as_text_never_run(client):
    testimony = TestimonyFactory(published=True, body="I typed <b>this</b> & that")
    html = client.get(testimony.get_absolute_url()).content.decode()
    assert "&lt;b&gt;this&lt;/b&gt; &amp; that" in html
