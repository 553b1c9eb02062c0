"""An author chooses the language of her words: on the share form, and later when editing."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from testimonies.models import Testimony
from testimonies.services import testimony_submit

pytestmark = pytest.mark.django_db

SHARE = "/share/"


def selected_language(html: str) -> str:
    select = re.search(r'<select name="language".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="(\w+)" selected>', select).group(1)


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar"])
def test_the_share_form_offers_the_language_of_the_page_first(language):
    html = Client().get(SHARE, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert selected_language(html) == language


def test_an_author_reading_in_spanish_can_say_she_wrote_in_french(client):
    client.post(
        SHARE,
        {"kind": "statement", "body": "Moi aussi, à quatorze ans.", "language": "fr"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert Testimony.objects.get().language == "fr"


def test_a_form_sent_without_a_language_takes_the_pages(client):
    client.post(SHARE, {"kind": "statement", "body": "Yo también."}, HTTP_ACCEPT_LANGUAGE="es")
    assert Testimony.objects.get().language == "es"


def test_a_language_the_site_does_not_offer_is_refused_and_every_word_kept(client):
    response = client.post(SHARE, {"kind": "statement", "body": "Ich auch.", "language": "de"})
    assert response.status_code == 400
    assert "Ich auch." in response.content.decode()
    assert not Testimony.objects.exists()


def test_the_author_can_correct_the_language_when_editing(client):
    submission = testimony_submit(kind="statement", body="Yo también.")
    page = client.post("/manage/", {"code": submission.receipt_code}).content.decode()
    assert selected_language(page) == "en"

    client.post(
        "/manage/edit/",
        {
            "code": submission.receipt_code,
            "kind": "statement",
            "body": "Yo también.",
            "language": "es",
        },
    )

    assert Testimony.objects.get().language == "es"


@pytest.mark.parametrize(
    ("language", "explanation"),
    [
        ("es", "Esta es la única vez que lo mostramos."),
        ("fr", "C\u2019est la seule fois que nous l\u2019affichons."),
        ("ar", "هذه هي المرة الوحيدة التي نعرضه فيها."),
    ],
)
def test_the_receipt_code_stays_the_same_words_and_is_explained_in_the_authors_language(
    language, explanation
):
    html = (
        Client()
        .post(SHARE, {"kind": "statement", "body": "Me too."}, HTTP_ACCEPT_LANGUAGE=language)
        .content.decode()
    )
    assert explanation in html
    # The code itself is the same ten words of the word list in every language.
    assert re.search(r'<p class="receipt__code"><code>[a-z]+(?: [a-z]+){9}</code>', html)


def test_the_demo_content_has_published_statements_in_every_language():
    call_command("load_demo_content", "--metoos", "0", stdout=StringIO())
    published = Testimony.objects.filter(status=Testimony.Status.PUBLISHED)
    assert set(published.values_list("language", flat=True)) == {"en", "es", "fr", "ar"}
