"""Every input the security review turned into a server error now gets a plain answer."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from moderation import services
from moderation.models import AuditEntry, QueueItem
from testimonies.models import Testimony
from testimonies.services import EditRefused, testimony_author_edit, testimony_submit
from tests.factories import ModeratorFactory, QueueItemFactory, TestimonyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client, sign_in_moderator):
    return sign_in_moderator(client, ModeratorFactory())


@pytest.fixture
def admin_user(client, sign_in_moderator):
    user = ModeratorFactory(is_staff=True, is_superuser=True)
    return sign_in_moderator(client, user)


# --- The author's edit ----------------------------------------------------------------------


def test_an_author_turns_a_statement_into_a_story_and_the_change_is_kept(client):
    submission = testimony_submit(kind="statement", title="", body="At 19, at work.")
    response = client.post(
        "/manage/edit/",
        {
            "code": submission.receipt_code,
            "kind": "story",
            "title": "Later",
            "body": "At 19, at work. " * 30,
        },
    )
    assert response.status_code == 200
    testimony = Testimony.objects.get()
    assert (testimony.kind, testimony.title) == ("story", "Later")


def test_an_author_cannot_turn_a_story_into_a_statement_that_breaks_its_rules(client):
    submission = testimony_submit(kind="story", title="A title", body="Words. " * 60)
    response = client.post(
        "/manage/edit/",
        {"code": submission.receipt_code, "kind": "statement", "title": "A title", "body": "x"},
    )
    assert response.status_code == 400
    assert "Only a longer story has a title" in response.content.decode()
    assert Testimony.objects.get().kind == "story"


def test_a_me_too_cannot_be_edited_into_words(client, django_user_model):
    author = django_user_model.objects.create_user(username="quiet-author", password="x" * 20)
    testimony = testimony_submit(kind="metoo", title="", body="", author=author).testimony
    client.force_login(author)
    response = client.post(
        "/manage/edit/", {"public_id": testimony.public_id, "kind": "statement", "body": "Hi"}
    )
    assert response.status_code in (400, 404)
    assert Testimony.objects.get().kind == "metoo"
    with pytest.raises(EditRefused):
        testimony_author_edit(
            testimony=testimony,
            kind="statement",
            title="",
            body="Hi",
            content_warnings=[],
            topics=[],
        )


# --- Moderators' edits ----------------------------------------------------------------------


def test_a_redaction_that_would_make_a_statement_too_long_is_refused_with_a_message(
    client, moderator
):
    body = "Jo Bloggs " + "x" * 268  # 278 characters; "[name removed]" is 14 for 9
    testimony = TestimonyFactory(body=body)
    item = QueueItemFactory(testimony=testimony)
    response = client.post(
        f"/moderation/item/{item.pk}/redact/",
        {"version": 1, "field": "body", "start": 0, "end": 9, "kind": "name"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    testimony.refresh_from_db()
    assert (testimony.body, testimony.version) == (body, 1)


def test_approving_with_edits_that_break_a_kind_rule_keeps_the_edits_and_says_why(
    client, moderator
):
    item = QueueItemFactory(testimony=TestimonyFactory(body="Short."))
    services.item_claim(item_id=item.pk, moderator=moderator)
    response = client.post(
        f"/moderation/item/{item.pk}/approve/",
        {"version": 1, "with_edits": "1", "title": "A title", "body": "Short, edited."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Only a longer story has a title" in html
    assert "Short, edited." in html
    testimony = Testimony.objects.get()
    assert (testimony.status, testimony.body) == ("pending", "Short.")


# --- Accounts -------------------------------------------------------------------------------


def test_a_moderator_deletes_their_account_and_the_audit_log_names_a_pseudonym(client, moderator):
    item = QueueItemFactory()
    services.decision_approve(item_id=item.pk, moderator=moderator, version=1)
    number = moderator.pk
    response = client.post("/accounts/delete/", {"confirm": "on", "keep_published": "1"})
    assert response.status_code == 200
    assert not User.objects.filter(pk=number).exists()
    entry = AuditEntry.objects.get()
    assert entry.actor is None
    assert entry.actor_label == f"moderator #{number}"
    assert str(entry.actor_name) == f"moderator #{number}"


# --- Raw requests ---------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "utf-7", "x-unknown", '"'])
def test_a_form_posted_in_another_charset_than_utf8_gets_a_page_not_a_server_error(charset):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/share/")
    token = client.cookies["csrftoken"].value
    response = client.generic(
        "POST",
        "/share/",
        f"csrfmiddlewaretoken={token}&kind=statement&body=caf%E9".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 415
    assert "That could not be read" in response.content.decode()


def test_a_form_posted_as_utf8_with_its_charset_named_still_works():
    client = Client(enforce_csrf_checks=True)
    client.get("/share/")
    token = client.cookies["csrftoken"].value
    response = client.generic(
        "POST",
        "/share/",
        f"csrfmiddlewaretoken={token}&kind=statement&body=caf%C3%A9".encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 200
    assert Testimony.objects.get().body == "café"


def test_a_body_larger_than_any_form_needs_is_refused_before_it_is_read(client):
    response = client.generic(
        "POST",
        "/share/",
        b"kind=statement&body=",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 400
    assert response["Connection"] == "close"
    assert not Testimony.objects.exists()


def test_a_file_upload_is_refused_where_no_form_takes_files():
    client = Client(raise_request_exception=False)
    upload = SimpleUploadedFile("big.bin", b"x" * 1000)
    response = client.post("/share/", {"kind": "statement", "body": "Me too.", "f": upload})
    assert response.status_code == 400
    assert not Testimony.objects.exists()


def test_a_nul_in_the_claim_list_is_not_a_server_error(client, moderator):
    QueueItemFactory()
    response = client.post("/moderation/next/?list=%00", {"list": "\x00"})
    assert response.status_code in (302, 400)
    response = client.get("/moderation/?list=%00")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "query",
    [
        "action=%00",
        "action__exact=%00",
        "reason=%00",
        "q=%00",
        "created_at__year=99999",
        "created_at__year=99999&created_at__month=13",
        "created_at__year=2026&created_at__month=99&created_at__day=99",
        "o=%00",
        "p=99999999999999999999",
    ],
)
def test_admin_list_filters_with_odd_values_answer_without_a_server_error(
    client, admin_user, query
):
    QueueItemFactory()
    for url in ("/admin/moderation/auditentry/", "/admin/testimonies/testimony/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, (url, query)


def test_the_claim_list_filter_only_takes_known_lists(moderator):
    QueueItemFactory(reason=QueueItem.Reason.NEW)
    assert services.claim_next_item(moderator=moderator, reason="\x00") is not None
