import re

import pytest
from django.test import Client
from django.urls import reverse

from testimonies.models import PublishedTotal, Testimony
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

SHARE = "/share/"


def test_the_share_form_has_a_label_for_every_field_and_the_guidance(client):
    html = client.get(SHARE).content.decode()
    for field_id in ("id_title", "id_body"):
        assert f'for="{field_id}"' in html
    assert "<legend>" in html  # the kind, topics and warnings are labelled groups
    assert "do not name or describe anyone" in html
    assert reverse("wall:resources") in html


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"kind": "metoo"}, "metoo"),
        ({"kind": "statement", "body": "At 14. Me too."}, "statement"),
        ({"kind": "story", "title": "Years later", "body": "A longer story. " * 50}, "story"),
    ],
)
def test_each_kind_can_be_posted_and_gets_a_confirmation(client, data, kind):
    response = client.post(SHARE, data, follow=True)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert Testimony.objects.get().kind == kind


def test_the_confirmation_says_what_happens_next(client):
    html = client.post(SHARE, {"kind": "statement", "body": "Me too."}).content.decode()
    assert "moderator" in html


def receipt_code_in(html: str) -> str:
    return re.search(r'class="receipt__code">.*?<code[^>]*>(.*?)</code>', html).group(1)


def test_each_author_is_shown_their_own_receipt_code_on_the_confirmation(client):
    """The page is rendered once and each code put into a copy: no author sees another's."""
    from testimonies.selectors import testimony_for_receipt
    from testimonies.views import RECEIPT_SLOT

    pages = [
        Client().post(SHARE, {"kind": "statement", "body": f"Me too, number {i}."})
        for i in range(3)
    ]
    codes = [receipt_code_in(page.content.decode()) for page in pages]
    assert len(set(codes)) == 3
    assert [testimony_for_receipt(code=code).body for code in codes] == [
        f"Me too, number {i}." for i in range(3)
    ]
    assert all(RECEIPT_SLOT not in page.content.decode() for page in pages)
    story = client.post(SHARE, {"kind": "story", "body": "A story. " * 40}).content.decode()
    assert receipt_code_in(story) not in codes
    metoo = client.post(SHARE, {"kind": "metoo"}, follow=True).content.decode()
    assert "counted on the wall" in metoo and "receipt__code" not in metoo


def test_a_signed_in_author_keeps_their_account_links_on_the_confirmation(
    client, django_user_model
):
    client.force_login(django_user_model.objects.create_user("pseudonym"))
    html = client.post(SHARE, {"kind": "statement", "body": "Me too."}).content.decode()
    assert "My testimonies" in html and "Sign out" in html
    assert receipt_code_in(html)


def test_a_metoo_is_on_the_counter_of_the_wall_straight_away(client):
    client.post(SHARE, {"kind": "metoo"})
    assert (
        '<span class="counter__number">1</span> person has said' in client.get("/").content.decode()
    )


def test_an_empty_statement_comes_back_with_a_plain_message(client):
    response = client.post(SHARE, {"kind": "statement", "body": "   "})
    assert response.status_code == 400
    assert "Please write your statement" in response.content.decode()
    assert not Testimony.objects.exists()


def test_an_oversized_story_comes_back_with_every_word_in_the_form(client):
    body = "word " * 4_001 + "the very last words"
    response = client.post(SHARE, {"kind": "story", "body": body, "title": "Mine"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "A story can be up to 20,000 characters" in html
    assert "the very last words" in html
    assert 'value="Mine"' in html
    assert not Testimony.objects.exists()


def test_a_long_statement_is_told_it_can_be_a_story_and_keeps_its_text(client):
    body = "x" * 300
    html = client.post(SHARE, {"kind": "statement", "body": body}).content.decode()
    assert "Longer story" in html
    assert body in html


def test_words_sent_as_a_metoo_are_kept_in_the_form_with_an_explanation(client):
    html = client.post(SHARE, {"kind": "metoo", "body": "my own words"}).content.decode()
    assert "my own words" in html
    assert "your text is still here" in html


def test_nul_bytes_are_removed_never_an_error(client):
    response = client.post(SHARE, {"kind": "statement", "body": "me\x00 too"})
    assert response.status_code == 200
    assert Testimony.objects.get().body == "me too"


def test_markup_is_stripped_before_saving(client):
    client.post(SHARE, {"kind": "statement", "body": "<script>x()</script><b>bold</b> words"})
    assert Testimony.objects.get().body == "x()bold words"


def test_an_unknown_kind_gets_a_message_not_a_500(client):
    response = client.post(SHARE, {"kind": "poem", "body": "hello"})
    assert response.status_code == 400
    assert "hello" in response.content.decode()


def test_a_request_too_large_to_be_a_story_gets_a_plain_400(client):
    response = client.post(SHARE, {"kind": "story", "body": "x" * 2_000_000})
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_an_expired_form_comes_back_with_the_text_instead_of_a_bare_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SHARE, {"kind": "story", "body": "Everything I wrote tonight."})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Everything I wrote tonight." in html
    assert "expired" in html
    assert not Testimony.objects.exists()


def test_the_share_page_is_never_cached_so_back_does_not_show_a_typed_story(client):
    assert "no-store" in client.get(SHARE)["Cache-Control"]


def test_the_wall_shows_published_testimonies_only(client):
    TestimonyFactory(published=True, body="visible words")
    for status in ("pending", "rejected", "withdrawn", "hidden"):
        TestimonyFactory(status=status, body=f"{status} words")
    html = client.get("/").content.decode()
    assert "visible words" in html
    for status in ("pending", "rejected", "withdrawn", "hidden"):
        assert f"{status} words" not in html


def test_the_wall_shows_the_day_never_the_time(client):
    testimony = TestimonyFactory(published=True)
    html = client.get("/").content.decode()
    assert testimony.published_at.strftime("%H:%M") not in html
    assert testimony.published_on.isoformat() in html


def test_a_published_testimony_has_its_own_page(client):
    testimony = TestimonyFactory(published=True, story=True)
    response = client.get(f"/t/{testimony.public_id}/")
    assert response.status_code == 200
    assert testimony.title in response.content.decode()


@pytest.mark.parametrize("status", ["pending", "rejected", "withdrawn", "hidden"])
def test_an_unpublished_testimony_page_is_not_found(client, status):
    testimony = TestimonyFactory(status=status)
    assert client.get(f"/t/{testimony.public_id}/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/", "/share/", "/resources/", "/safety/", "/privacy/", "/guidelines/"]
)
def test_every_page_offers_leave_this_site_first_and_crisis_help(client, path):
    html = client.get(path).content.decode()
    body = html[html.index("<body>") :]
    first_link = body[body.index("<a ") : body.index("</a>")]
    assert "data-leave-site" in first_link
    assert reverse("wall:resources") in html


def test_the_sixth_submission_in_an_hour_comes_back_with_its_text_and_a_429(client):
    for i in range(5):
        assert client.post(SHARE, {"kind": "statement", "body": f"number {i}"}).status_code == 200
    response = client.post(SHARE, {"kind": "statement", "body": "the sixth, kept"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "the sixth, kept" in html
    assert "Nothing was lost" in html
    assert Testimony.objects.count() == 5


def test_rotating_x_forwarded_for_does_not_reset_the_share_limit(client):
    for i in range(6):
        response = client.post(
            SHARE,
            {"kind": "statement", "body": f"n{i}"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
    assert response.status_code == 429


def test_mistakes_do_not_use_up_the_limit(client):
    for _ in range(6):
        client.post(SHARE, {"kind": "statement", "body": ""})
    assert client.post(SHARE, {"kind": "statement", "body": "finally"}).status_code == 200


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_saved(client):
    response = client.post(SHARE, {"kind": "statement", "body": "spam", "website": "http://x"})
    assert response.status_code == 200
    assert not Testimony.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    html = client.get(SHARE).content.decode()
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'tabindex="-1"' in html


def test_the_shared_page_parts_mark_the_current_page_and_never_mix_up_visitors(
    client, django_user_model
):
    """The header and footer are rendered once per process; what differs still differs."""
    current = ' aria-current="page">'
    assert f'href="/"{current}' in client.get("/").content.decode()
    share_page = client.get(SHARE).content.decode()
    assert f'href="/share/"{current}' in share_page
    assert f'href="/"{current}' not in share_page
    assert "Sign in" in share_page

    client.force_login(django_user_model.objects.create_user("pseudonym"))
    signed_in = client.get(SHARE).content.decode()
    assert "Sign out" in signed_in and "Sign in" not in signed_in
    assert "My testimonies" in signed_in
    assert "Sign in" in Client().get(SHARE).content.decode()


def test_a_metoo_is_told_where_it_stands_in_the_wave(client):
    PublishedTotal.objects.create(kind="statement", shard=0, count=1_234_565)
    PublishedTotal.objects.create(kind="metoo", shard=1, count=1)
    html = client.post(SHARE, {"kind": "metoo"}, follow=True).content.decode()
    assert "You are one of 1,234,567 people who have said “me too”." in html
    # The page is kept whole for the next author: each gets their own number.
    html = client.post(SHARE, {"kind": "metoo"}, follow=True).content.decode()
    assert "You are one of 1,234,568 people" in html


def test_a_metoo_without_a_token_is_thanked_on_a_page_a_reload_does_not_send_again(client):
    # The wall's one-tap form without JavaScript has no token: a reload of a page answering
    # the POST would send it again, so the answer is a redirect to a page of its own.
    response = client.post(SHARE, {"kind": "metoo"})
    assert response.status_code == 303
    assert response["Location"] == "/share/counted/"
    for _ in range(2):  # the thank-you, then a reload of it
        html = client.get("/share/counted/").content.decode()
        assert "You are one of 1 person who has said “me too”." in html
    assert Testimony.objects.filter(kind="metoo").count() == 1


def test_words_are_not_told_a_number_they_are_not_yet_counted_in(client):
    html = client.post(SHARE, {"kind": "statement", "body": "At 14."}).content.decode()
    assert "You are one of" not in html


def test_the_one_tap_metoo_on_the_share_page_is_saved_once_however_often_it_is_sent(client):
    html = client.get(SHARE).content.decode()
    one_tap = re.search(r'<form[^>]*class="one-tap".*?</form>', html, re.S)[0]
    token = re.search(r'name="submission_token" value="([^"]+)"', one_tap)[1]
    assert token != re.search(r'value="([^"]+)" id="id_submission_token"', html)[1]
    for _ in range(2):
        client.post(SHARE, {"kind": "metoo", "submission_token": token})
    assert Testimony.objects.filter(kind="metoo").count() == 1


def test_the_error_summary_comes_first_in_the_main_content_and_links_to_the_field(client):
    html = client.post(SHARE, {"kind": "statement", "body": "x" * 300}).content.decode()
    main = html[html.index('<main id="main"') :]
    first = re.search(r"<main[^>]*>\s*(<[^>]+>)", main)[1]
    assert "data-error-summary" in first and 'tabindex="-1"' in first
    assert '<a href="#id_body">' in main
