"""Reading the site in English, Spanish, French or Arabic: how the language is chosen, how it is
remembered, and that no cached page or fragment is ever served in another reader's language."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation

from testimonies.models import PublishedTally, PublishedTotal, Topic
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# One string from each part of the page chrome that is cached per language: the header, the
# help box with the footer, and the sign-in links.
CHROME = ["Leave this site", "Find a crisis line near you", "Keep an account (optional)"]
PAGES = ["/", "/share/", "/manage/", "/stats/", "/resources/", "/guidelines/", "/privacy/"]
PAGES += ["/safety/", "/accounts/login/", "/accounts/signup/"]


def html_tag(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


def in_language(html: str, language: str) -> bool:
    """Whether every cached part of the page's chrome is in this language and none in another."""

    def chrome(code):
        with translation.override(code):
            return [translation.gettext(text) for text in CHROME]

    return all(text in html for text in chrome(language)) and not any(
        text in html for code in LANGUAGES if code != language for text in chrome(code)
    )


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar"])
def test_the_browsers_accept_language_chooses_the_language(client, language):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5").content.decode()
    assert in_language(html, language)
    direction = "rtl" if language == "ar" else "ltr"
    assert html_tag(html) == f'<html lang="{language}" dir="{direction}">'


def test_a_language_the_site_does_not_have_falls_back_to_the_next_one_then_english(client):
    assert in_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de,fr;q=0.8").content.decode(), "fr")
    assert in_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode(), "en")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_right_to_left_in_arabic_and_has_the_switcher(client, path):
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert html_tag(html) == '<html lang="ar" dir="rtl">'
    assert in_language(html, "ar")
    form = re.search(r'<form class="language-switcher".*?</form>', html, re.S).group(0)
    assert 'action="/i18n/setlang/"' in form
    assert f'name="next" value="{path}"' in form
    for code, name in settings.LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in form and name in form


def test_error_pages_are_in_the_readers_language(client):
    html = client.get("/t/no-such-testimony/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert html_tag(html) == '<html lang="ar" dir="rtl">'
    assert "هذه الصفحة غير موجودة" in html
    with translation.override("fr"):
        html = render_to_string("500.html")
    assert html_tag(html) == '<html lang="fr" dir="ltr">'
    assert "Un problème est survenu de notre côté" in html


def test_the_switcher_is_a_plain_form_that_works_without_javascript_or_a_csrf_token():
    """The wall is cached whole without a CSRF token, so the switcher needs none."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/guidelines/"})
    assert response.status_code == 302 and response["Location"] == "/guidelines/"
    # The choice outlasts the browser's own preference.
    html = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert in_language(html, "es")
    assert "Este es un lugar donde te escuchan y te creen." in html


def test_the_choice_is_remembered_by_a_session_cookie_and_nothing_else(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert set(response.cookies) == {settings.LANGUAGE_COOKIE_NAME}
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ar"
    assert not cookie["max-age"] and not cookie["expires"]  # forgotten when the browser closes
    assert cookie["samesite"] == "Lax" and cookie["httponly"]


def test_the_switcher_never_sends_a_reader_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("path", ["/", "/share/", "/guidelines/", "/stats/"])
def test_a_cached_page_or_fragment_is_never_served_in_another_language(path):
    """The wall's pages and the chrome every page shares are cached per language: readers in
    four languages, one after another, each get their own."""
    TestimonyFactory(published=True, body="words of a testimony")
    for _round in range(2):  # the second round is served from the caches
        for language in ["ar", "en", "fr", "es"]:
            html = Client().get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
            assert in_language(html, language), (path, language)


def test_every_cache_tag_in_the_templates_varies_on_the_language():
    """Django's {% cache %} does not vary on the language by itself."""
    tags = [
        (path, tag)
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for tag in re.findall(r"{%\s*cache\s[^%]*%}", path.read_text())
    ]
    assert tags
    assert [(str(path), tag) for path, tag in tags if "LANGUAGE_CODE" not in tag] == []


@pytest.mark.parametrize(
    ("language", "number", "people"),
    [
        ("en", "1,234,567", "people have said “me too”"),
        ("es", "1.234.567", "personas han dicho «yo también»"),
        ("fr", "1\xa0234\xa0567", "personnes ont dit «\xa0moi aussi\xa0»"),
        ("ar", "1.234.567", "شخصًا قالوا «أنا أيضًا»"),  # 67: the "many" form
    ],
)
def test_the_wall_counter_is_grouped_and_worded_by_the_language(client, language, number, people):
    PublishedTotal.objects.create(kind="metoo", shard=0, count=1_234_567)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<span class="counter__number">{number}</span> {people}' in html


@pytest.mark.parametrize(
    ("count", "wording"),
    [(1, "شخص قال"), (2, "شخصان قالا"), (7, "أشخاص قالوا"), (42, "شخصًا قالوا"), (300, "شخص قالوا")],
)
def test_the_arabic_counter_agrees_with_each_of_its_plural_forms(client, count, wording):
    PublishedTotal.objects.create(kind="metoo", shard=0, count=count)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'<span class="counter__number">{count}</span> {wording} «أنا أيضًا»' in html


def test_allauths_own_pages_use_allauths_translations(client):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Connexion" in html  # allauth's "Sign In", from its own French catalog


def test_the_statistics_are_grouped_by_the_language(client):
    PublishedTally.objects.create(day=timezone.now().date(), kind="metoo", shard=0, count=1_234_567)
    spanish = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<dd>1.234.567</dd>" in spanish
    french = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<dd>1\xa0234\xa0567</dd>" in french
    # The charts' own coordinates are never localised: SVG wants "12.5", never "12,5".
    assert not re.search(r'(?:x|y|width|height)="\d+,\d', french)


def test_the_topics_and_warnings_every_install_starts_with_are_in_the_readers_language(client):
    Topic.objects.create(slug="sailing", name="Sailing club", position=99)
    html = client.get("/share/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Escuela o universidad" in html and "School or university" not in html
    assert "Agresión sexual" in html
    assert "Sailing club" in html  # what an operator typed is shown as typed


def test_the_cached_confirmation_after_sharing_is_in_each_authors_language():
    for language in ["ar", "en", "es", "ar"]:
        response = Client().post(
            "/share/", {"kind": "metoo", "body": ""}, follow=True, HTTP_ACCEPT_LANGUAGE=language
        )
        assert in_language(response.content.decode(), language), language
