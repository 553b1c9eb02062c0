"""Before sending, the author sees what screening would find in their words, and chooses."""

import html
import logging
import re

import pytest

from testimonies import identifying
from testimonies.models import Testimony
from testimonies.services import testimony_publish, testimony_submit

pytestmark = pytest.mark.django_db

SHARE = "/share/"
PHONE = "+44 20 7946 0958"
WITH_PHONE = f"He kept calling me from {PHONE} after work."
NOTICE = "This may identify you or someone else"


def hidden(page: str, name: str) -> str:
    """A hidden field of the words' form (the one-tap "me too" form above it has its own)."""
    if name == "submission_token":
        return re.search(r'value="([^"]+)" id="id_submission_token"', page).group(1)
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


def marked(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", page)]


def share(client, body, **extra):
    return client.post(SHARE, {"kind": "statement", "body": body, **extra})


def test_words_with_a_phone_number_come_back_marked_and_nothing_is_saved(client):
    response = share(client, WITH_PHONE)
    page = response.content.decode()
    assert response.status_code == 200
    assert NOTICE in page and "Send as it is" in page
    assert marked(page) == [PHONE]
    assert "a phone number" in page
    # Every word is still in the text box, to edit.
    assert html.escape(WITH_PHONE) in re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)[1]
    assert Testimony.objects.count() == 0


def test_send_as_it_is_saves_those_words_once(client):
    form_token = hidden(client.get(SHARE).content.decode(), "submission_token")
    page = share(client, WITH_PHONE, submission_token=form_token).content.decode()
    # The page that comes back keeps the form's token: it is still the same form.
    again = {
        "submission_token": hidden(page, "submission_token"),
        "send_as_is": hidden(page, "send_as_is"),
    }
    assert again["submission_token"] == form_token
    response = share(client, WITH_PHONE, **again)
    assert "Your receipt code" in response.content.decode()
    assert Testimony.objects.get().body == WITH_PHONE
    # Sent twice (a reload, a double tap): still one.
    reload = share(client, WITH_PHONE, **again)
    assert reload.status_code == 200 and NOTICE not in reload.content.decode()
    assert Testimony.objects.count() == 1


def test_changed_words_are_checked_again(client):
    page = share(client, WITH_PHONE).content.decode()
    token = hidden(page, "send_as_is")
    changed = WITH_PHONE + " My email is sam@example.org."
    page = share(client, changed, send_as_is=token).content.decode()
    assert NOTICE in page
    assert marked(page) == [PHONE, "sam@example.org"]
    assert hidden(page, "send_as_is") != token
    assert Testimony.objects.count() == 0


def test_words_edited_clean_are_sent_at_once(client):
    page = share(client, WITH_PHONE).content.decode()
    clean = "He kept calling me after work."
    response = share(client, clean, send_as_is=hidden(page, "send_as_is"))
    assert "Your receipt code" in response.content.decode()
    assert Testimony.objects.get().body == clean


def test_clean_words_are_sent_at_once(client):
    response = share(client, "At 14. Me too.")
    assert "Your receipt code" in response.content.decode()
    assert Testimony.objects.count() == 1


def test_a_bare_metoo_is_never_held_back(client):
    assert (
        "counted on the wall" in client.post(SHARE, {"kind": "metoo"}, follow=True).content.decode()
    )
    assert Testimony.objects.get().kind == "metoo"


def test_a_story_s_title_is_checked_too(client):
    page = client.post(
        SHARE, {"kind": "story", "title": "Mail me: sam@example.org", "body": "It happened."}
    ).content.decode()
    assert marked(page) == ["sam@example.org"]
    assert Testimony.objects.count() == 0


def test_the_marked_words_are_text_never_markup(client):
    # Cleaning removes tags but decodes entities: the words can still read "<img ...>".
    body = f"&lt;img src=x onerror=alert(1)&gt; <3 call &lt;b&gt;{PHONE}&lt;/b&gt;"
    page = share(client, body).content.decode()
    preview = re.search(r'<div class="marked-text".*?</div>', page, re.S).group()
    assert "&lt;img src=x onerror=alert(1)&gt;" in preview
    assert "<img" not in page and "<b>" not in page
    assert marked(page) == [PHONE]


def test_the_words_are_never_written_to_the_log(client, caplog):
    with caplog.at_level(logging.DEBUG):
        page = share(client, WITH_PHONE).content.decode()
        share(client, WITH_PHONE, send_as_is=hidden(page, "send_as_is"))
    assert PHONE not in caplog.text and "kept calling" not in caplog.text


def test_with_no_finder_registered_the_form_just_sends(client, monkeypatch):
    monkeypatch.setattr(identifying, "_finders", [])
    assert "Your receipt code" in share(client, WITH_PHONE).content.decode()


def test_a_number_that_is_not_a_phone_is_not_held_back(client):
    response = share(client, "At 8, at 12, at 14, at 19. In 2017 it was 1,000,000 of us.")
    assert "Your receipt code" in response.content.decode()


# --- /manage/ ----------------------------------------------------------------------------------

MANAGE = "/manage/"


@pytest.fixture
def with_phone():
    return testimony_submit(kind="statement", body=WITH_PHONE)


def test_the_author_sees_the_findings_in_their_waiting_words(client, with_phone):
    page = client.post(MANAGE, {"code": with_phone.receipt_code}).content.decode()
    assert "What may identify someone" in page
    assert marked(page) == [PHONE]


def test_once_published_the_author_sees_the_support_it_received(client, with_phone):
    testimony = with_phone.testimony
    testimony_publish(testimony=testimony)
    Testimony.objects.filter(pk=testimony.pk).update(
        believe_reactions=1204, metoo_reactions=7, strength_reactions=0
    )
    page = client.post(MANAGE, {"code": with_phone.receipt_code}).content.decode()
    support = re.search(r'<ul class="support-counts">(.*?)</ul>', page, re.S).group(1)
    counts = re.findall(r"<li>(.*?): <strong>(.*?)</strong></li>", support)
    assert [(html.unescape(label), n) for label, n in counts] == [
        ("I believe you", "1,204"),
        ("Me too", "7"),
        ("Sending strength", "0"),
    ]
    # Published: a moderator has read it; nothing is flagged to the author any more.
    assert "What may identify someone" not in page


def test_waiting_words_show_no_support_counts(client, with_phone):
    page = client.post(MANAGE, {"code": with_phone.receipt_code}).content.decode()
    assert "Support from readers" not in page


def edit(client, submission, body, **extra):
    return client.post(
        "/manage/edit/",
        {"code": submission.receipt_code, "kind": "statement", "body": body, **extra},
    )


def test_an_edit_goes_through_the_same_check(client):
    submission = testimony_submit(kind="statement", body="It happened at work.")
    response = edit(client, submission, WITH_PHONE)
    page = response.content.decode()
    assert response.status_code == 200
    assert NOTICE in page and marked(page) == [PHONE]
    assert Testimony.objects.get().body == "It happened at work."
    # "Send as it is" saves exactly those words.
    edit(client, submission, WITH_PHONE, send_as_is=hidden(page, "send_as_is"))
    assert Testimony.objects.get().body == WITH_PHONE


def test_a_clean_edit_is_saved_at_once(client, with_phone):
    page = edit(client, with_phone, "He kept calling me after work.").content.decode()
    assert "Saved." in page
    assert Testimony.objects.get().body == "He kept calling me after work."
