import re

import pytest
from django.db import connection

from moderation.models import QueueItem
from moderation.services import testimony_screen
from testimonies.models import Testimony
from testimonies.services import testimony_reject, testimony_submit

pytestmark = pytest.mark.django_db

MANAGE = "/manage/"


@pytest.fixture
def submission():
    return testimony_submit(kind="story", title="Years later", body="It happened at work.")


def test_the_confirmation_shows_the_receipt_code_once(client):
    html = client.post("/share/", {"kind": "statement", "body": "Me too."}).content.decode()
    assert "Your receipt code" in html
    assert "only time we show it" in html


def test_a_receipt_code_opens_the_status_of_the_testimony(client, submission):
    response = client.post(MANAGE, {"code": submission.receipt_code.upper()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Waiting for review" in html
    assert "It happened at work." in html


def test_the_author_reads_the_rejection_reason_and_note(client, submission):
    testimony_reject(
        testimony=submission.testimony, reason="identifies_person", note="It names a school."
    )
    html = client.post(MANAGE, {"code": submission.receipt_code}).content.decode()
    assert "It was not published because it could identify a person." in html
    assert "It names a school." in html


@pytest.mark.parametrize(
    "code",
    ["abacus abdomen", "not a code at all", "x" * 5000, "💥 ' OR 1=1 --", "\x00abacus", "a " * 7],
)
def test_unknown_and_malformed_codes_all_get_the_same_answer(client, submission, code):
    reference = client.post(MANAGE, {"code": "wrong words entirely but seven long"})
    response = client.post(MANAGE, {"code": code})
    assert response.status_code == reference.status_code == 404
    assert "We could not find a testimony with that code" in response.content.decode()
    strip = lambda html: html.replace(code, "").split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(response.content.decode()) == strip(reference.content.decode())


def test_editing_sends_it_back_to_review_and_off_the_wall(client, submission):
    testimony = submission.testimony
    testimony.status = "published"
    testimony.published_at = testimony.created_at
    testimony.save()
    response = client.post(
        "/manage/edit/",
        {"code": submission.receipt_code, "kind": "story", "title": "", "body": "New words."},
    )
    assert response.status_code == 200
    testimony.refresh_from_db()
    assert (testimony.status, testimony.body) == ("pending", "New words.")
    assert testimony.version == 2
    assert "New words." not in client.get("/").content.decode()


def test_a_failed_edit_keeps_every_word(client, submission):
    body = "y" * 20_001
    response = client.post(
        "/manage/edit/", {"code": submission.receipt_code, "kind": "story", "body": body}
    )
    assert response.status_code == 400
    assert body in response.content.decode()
    submission.testimony.refresh_from_db()
    assert submission.testimony.body == "It happened at work."


def test_a_rejected_testimony_can_be_appealed_once_and_reaches_the_appeals_list(client, submission):
    testimony_reject(testimony=submission.testimony, reason="other")
    client.post("/manage/appeal/", {"code": submission.receipt_code, "note": "Please look again"})
    testimony = Testimony.objects.get()
    assert testimony.appealed_at is not None
    testimony_screen(testimony_id=testimony.pk)
    assert QueueItem.objects.get(testimony=testimony, is_open=True).reason == "appeal"
    html = client.post(
        "/manage/appeal/", {"code": submission.receipt_code, "note": "again"}
    ).content.decode()
    assert "only once" in html


def test_withdrawing_deletes_the_text_from_the_database_at_once(client, submission):
    response = client.post("/manage/withdraw/", {"code": submission.receipt_code, "confirm": "on"})
    assert response.status_code == 200
    assert not Testimony.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM testimonies_testimony WHERE body LIKE %s", ["%at work%"]
        )
        assert cursor.fetchone()[0] == 0
    assert client.post(MANAGE, {"code": submission.receipt_code}).status_code == 404


def test_withdrawing_needs_the_confirmation_box(client, submission):
    response = client.post("/manage/withdraw/", {"code": submission.receipt_code})
    assert response.status_code == 400
    assert Testimony.objects.exists()


def test_actions_with_a_wrong_code_change_nothing(client, submission):
    response = client.post("/manage/withdraw/", {"code": "wrong code", "confirm": "on"})
    assert response.status_code == 404
    assert Testimony.objects.exists()


def test_receipt_lookups_are_rate_limited(client, submission, settings):
    settings.RATELIMITS = {"receipt_lookup": ["3/h"]}
    statuses = [client.post(MANAGE, {"code": f"guess number {i}"}).status_code for i in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    assert client.post(MANAGE, {"code": submission.receipt_code}).status_code == 429


def test_the_authors_page_says_how_many_lookups_are_left_once_few_are(client, submission, settings):
    settings.RATELIMITS = {"receipt_lookup": ["5/h"]}
    pages = [client.post(MANAGE, {"code": submission.receipt_code}) for _ in range(5)]

    said = [
        re.search(r"a testimony (\d+) more times? before a pause", page.content.decode())
        for page in pages
    ]
    # Plenty left: nothing said. Then each page counts down, and deleting is said to work.
    assert said[0] is None
    assert [int(found[1]) for found in said[1:]] == [3, 2, 1, 0]
    html = pages[-1].content.decode()
    assert "the count starts again in" in html
    assert "Deleting your testimony always works." in html
    assert client.post(MANAGE, {"code": submission.receipt_code}).status_code == 429


def test_the_manage_page_is_never_cached(client, submission):
    response = client.post(MANAGE, {"code": submission.receipt_code})
    assert "no-store" in response["Cache-Control"]


def test_guessing_codes_through_withdrawal_is_limited_too_and_says_so(client, submission, settings):
    settings.RATELIMITS = {"receipt_lookup": ["2/h"]}
    statuses = [
        client.post("/manage/withdraw/", {"code": f"guess {i}", "confirm": "on"}).status_code
        for i in range(3)
    ]
    assert statuses == [404, 404, 429]
    assert Testimony.objects.exists()


# --- Withdrawing always works with a valid code ----------------------------------------------


def spend_the_lookup_limit(client, settings) -> None:
    settings.RATELIMITS = {"receipt_lookup": ["2/h"]}
    for i in range(3):
        client.post(MANAGE, {"code": f"a wrong guess {i}"})


def test_withdrawing_with_a_valid_code_works_after_the_lookup_limit_is_spent(
    client, submission, settings
):
    spend_the_lookup_limit(client, settings)
    assert client.post(MANAGE, {"code": submission.receipt_code}).status_code == 429
    response = client.post("/manage/withdraw/", {"code": submission.receipt_code, "confirm": "on"})
    assert response.status_code == 200
    assert "Your testimony has been deleted" in response.content.decode()
    assert not Testimony.objects.filter(pk=submission.testimony.pk).exists()


def test_withdrawing_with_a_valid_code_is_never_counted(client, submission, settings):
    settings.RATELIMITS = {"receipt_lookup": ["1/h"]}
    # A wrong confirmation is answered on the testimony's own page, uncounted, again and again.
    for _ in range(3):
        response = client.post("/manage/withdraw/", {"code": submission.receipt_code})
        assert response.status_code == 400
    assert client.post(MANAGE, {"code": submission.receipt_code}).status_code == 200


def test_opening_and_changing_stay_limited_and_an_edit_keeps_its_words(
    client, submission, settings
):
    spend_the_lookup_limit(client, settings)
    response = client.post(
        "/manage/edit/",
        {
            "code": submission.receipt_code,
            "kind": "story",
            "title": "Years later",
            "body": "My rewritten words, kept for later.",
        },
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "My rewritten words, kept for later." in html
    assert "Nothing has been saved yet" in html
    assert 'action="/manage/withdraw/"' in html
    assert Testimony.objects.get().body == "It happened at work."


def test_the_limit_page_says_how_many_tries_and_when_and_offers_withdrawal(
    client, submission, settings, monkeypatch
):
    # The hour's window ends 20 minutes and 30 seconds from "now".
    now = 1_800_000_000 // 3600 * 3600 + 39 * 60 + 30
    monkeypatch.setattr("config.ratelimits.time.time", lambda: now)
    spend_the_lookup_limit(client, settings)
    response = client.post(MANAGE, {"code": submission.receipt_code})
    assert response.status_code == 429
    html = response.content.decode()
    assert "can be tried 2 times from one network before a pause" in html
    said = re.search(r"You can open or change your testimony again in ([^.]*)\.", html)
    assert said.group(1) == "20\xa0minutes"
    assert "Deleting is never limited" in html
    # The page's own form deletes it: the code typed is carried, the box must be ticked.
    form = re.search(r'<form method="post" action="/manage/withdraw/".*?</form>', html, re.S)
    assert f'name="code" value="{submission.receipt_code}"' in form.group(0)
    assert 'name="confirm"' in form.group(0)
    client.post("/manage/withdraw/", {"code": submission.receipt_code, "confirm": "on"})
    assert not Testimony.objects.exists()
