import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from moderation import services
from moderation.models import AuditEntry, QueueItem, Report, Screening
from testimonies.models import ContentWarning, Testimony
from tests.factories import ModeratorFactory, QueueItemFactory, TestimonyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client, sign_in_moderator):
    return sign_in_moderator(client, ModeratorFactory())


def moderation_urls():
    item = QueueItemFactory()
    names = ["queue", "claim_next", "batch", "dashboard"]
    item_names = ["item", "claim", "approve", "reject", "escalate", "redact"]
    return [reverse(f"moderation:{n}") for n in names] + [
        reverse(f"moderation:{n}", kwargs={"item_id": item.pk}) for n in item_names
    ]


def test_every_moderation_url_sends_anonymous_visitors_to_sign_in(client):
    for url in moderation_urls():
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
    assert not AuditEntry.objects.exists()


def test_every_moderation_url_refuses_signed_in_readers_who_are_not_moderators(client):
    client.force_login(User.objects.create_user("reader", password="a long passphrase"))
    for url in moderation_urls():
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url
    assert QueueItem.objects.filter(claimed_by__isnull=False).count() == 0


def test_the_queue_lists_waiting_items_and_their_counts(client, moderator):
    QueueItemFactory(reason="report")
    QueueItemFactory()
    html = client.get("/moderation/").content.decode()
    assert "Reported by readers" in html
    assert "New submission" in html


def test_claim_next_opens_the_item_with_the_findings_highlighted(client, moderator):
    testimony = TestimonyFactory(body="Write to someone@example.org now")
    services.testimony_screen(testimony_id=testimony.pk)
    response = client.post("/moderation/next/", follow=True)
    html = response.content.decode()
    assert '<mark class="finding finding--email"' in html
    assert "someone@example.org</mark>" in html
    # One form to replace it, offering its placeholder first.
    assert '<input type="hidden" name="kind" value="email">' in html
    assert '<option value="placeholder">[email removed]</option>' in html
    # The text is collapsed until the moderator opens it.
    assert '<details class="reveal"' in html


def test_a_public_figure_is_shown_as_such_with_nothing_to_remove(client, moderator):
    testimony = TestimonyFactory(
        body="When Harvey Weinstein was in the news my manager Nitesh laughed"
    )
    services.testimony_screen(testimony_id=testimony.pk)
    html = client.post("/moderation/next/", follow=True).content.decode()
    assert '<mark class="finding finding--public" title="names a public person">' in html
    assert "(names a public person)" in html
    assert 'name="kind" value="public"' not in html
    assert '<mark class="finding finding--name" title="a private name">Nitesh</mark>' in html
    assert '<input type="hidden" name="kind" value="name">' in html


def test_an_unsure_finding_is_shown_as_a_hint(client, moderator):
    testimony = TestimonyFactory(body="We went to Paris and I will never go back")
    services.testimony_screen(testimony_id=testimony.pk)
    html = client.post("/moderation/next/", follow=True).content.decode()
    assert 'class="finding finding--place finding--hint" title="a town or city (hint)"' in html


def test_a_moderator_redacts_then_approves_from_the_item_page(client, moderator):
    testimony = TestimonyFactory(body="Write to someone@example.org now")
    services.testimony_screen(testimony_id=testimony.pk)
    item = services.claim_next_item(moderator=moderator)
    finding = testimony.screening.findings[0]
    client.post(
        f"/moderation/item/{item.pk}/redact/",
        {
            "version": 1,
            "field": "body",
            "start": finding["start"],
            "end": finding["end"],
            "kind": "email",
        },
    )
    testimony.refresh_from_db()
    assert testimony.body == "Write to [email removed] now"
    response = client.post(f"/moderation/item/{item.pk}/approve/", {"version": testimony.version})
    assert response.status_code == 302
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PUBLISHED
    assert "[email removed]" in client.get(testimony.get_absolute_url()).content.decode()


def test_a_stale_decision_comes_back_with_a_clear_message(client, moderator):
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=moderator)
    Testimony.objects.filter(pk=item.testimony_id).update(version=2)
    response = client.post(
        f"/moderation/item/{item.pk}/reject/", {"version": 1, "reason": "spam"}, follow=True
    )
    assert "changed after you opened it" in response.content.decode()
    assert Testimony.objects.get().status == Testimony.Status.PENDING


def test_rejecting_without_a_reason_asks_for_one(client, moderator):
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=moderator)
    response = client.post(f"/moderation/item/{item.pk}/reject/", {"version": 1})
    assert response.status_code == 400
    assert Testimony.objects.get().status == Testimony.Status.PENDING


def test_batch_approval_publishes_the_ticked_statements(client, moderator):
    items = [QueueItemFactory(screened=True) for _ in range(3)]
    html = client.get("/moderation/batch/").content.decode()
    assert all(item.testimony.body in html for item in items)
    listed = re.search(r'name="listed" value="([^"]+)"', html).group(1)
    client.post("/moderation/batch/", {"listed": listed, "items": [f"{i.pk}:1" for i in items[:2]]})
    assert Testimony.objects.filter(status="published").count() == 2


def test_a_reader_reports_a_testimony_from_its_page(client):
    testimony = TestimonyFactory(published=True)
    page = client.get(testimony.get_absolute_url()).content.decode()
    report_url = f"/t/{testimony.public_id}/report/"
    assert report_url in page
    response = client.post(report_url, {"reason": "identifies_person", "details": "names a boss"})
    assert response.status_code == 200
    assert Report.objects.get().details == "names a boss"
    assert QueueItem.objects.get().reason == "report"


def test_a_reader_reporting_twice_is_counted_once(client):
    testimony = TestimonyFactory(published=True)
    for _ in range(2):
        client.post(f"/t/{testimony.public_id}/report/", {"reason": "spam"})
    assert Report.objects.count() == 1


def test_three_readers_reports_hide_the_testimony_from_the_wall(client):
    from django.test import Client

    testimony = TestimonyFactory(published=True, body="to be hidden")
    # Three readers are three clients (networks), not three cookie jars.
    for address in ("203.0.113.1", "198.51.100.1", "192.0.2.1"):
        Client().post(f"/t/{testimony.public_id}/report/", {"reason": "spam"}, REMOTE_ADDR=address)
    assert "to be hidden" not in client.get("/").content.decode()
    assert client.get(testimony.get_absolute_url()).status_code == 404


def test_a_report_without_a_reason_comes_back_with_the_details_kept(client):
    testimony = TestimonyFactory(published=True)
    response = client.post(f"/t/{testimony.public_id}/report/", {"details": "my words"})
    assert response.status_code == 400
    assert "my words" in response.content.decode()


def test_unpublished_testimonies_cannot_be_reported(client):
    testimony = TestimonyFactory()
    assert client.post(f"/t/{testimony.public_id}/report/", {"reason": "spam"}).status_code == 404


def test_reports_from_one_client_are_rate_limited_and_keep_the_details(client, settings):
    settings.RATELIMITS = {"report": ["2/h"]}
    testimonies = [TestimonyFactory(published=True) for _ in range(3)]
    statuses = [
        client.post(f"/t/{t.public_id}/report/", {"reason": "spam", "details": "why"}).status_code
        for t in testimonies
    ]
    assert statuses == [200, 200, 429]
    assert Report.objects.count() == 2


# --- No publish of unreviewed findings by accident -----------------------------------------

PHONE = "Call me on 07700 900123 if it happened to you too."


def claimed(moderator, body: str) -> QueueItem:
    testimony = TestimonyFactory(body=body)
    services.testimony_screen(testimony_id=testimony.pk)
    return services.claim_next_item(moderator=moderator)


def test_approving_a_text_with_findings_without_the_box_ticked_comes_back_to_confirm(
    client, moderator
):
    item = claimed(moderator, PHONE)
    response = client.post(f"/moderation/item/{item.pk}/approve/", {"version": 1, "then": "next"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was published" in html
    # The text comes back open, with the box to tick under it and the keyboard's focus on it.
    assert '<details class="reveal" data-reveal open>' in html
    assert re.search(
        r'<input type="checkbox" name="confirm_findings" id="confirm-as-is"[^>]*autofocus', html
    )
    assert Testimony.objects.get().status == Testimony.Status.PENDING


def test_approving_a_text_with_findings_with_the_box_ticked_publishes_it(client, moderator):
    item = claimed(moderator, PHONE)
    response = client.post(
        f"/moderation/item/{item.pk}/approve/", {"version": 1, "confirm_findings": "on"}
    )
    assert response.status_code == 302
    assert Testimony.objects.get().status == Testimony.Status.PUBLISHED


def test_the_approve_key_of_an_item_with_findings_asks_for_the_box_first(client, moderator):
    item = claimed(moderator, PHONE)
    html = client.get(f"/moderation/item/{item.pk}/").content.decode()
    assert 'data-shortcut="a" data-confirm-with="confirm-as-is"' in html
    # The box sits inside the collapsed text: it can be ticked only once the text is open.
    reveal = html[html.index('<details class="reveal"') : html.index("</details>")]
    assert 'id="confirm-as-is" form="approve-as-is"' in reveal


def test_an_item_without_findings_is_approved_in_one_step_as_before(client, moderator):
    item = claimed(moderator, "At 12. Me too.")
    html = client.get(f"/moderation/item/{item.pk}/").content.decode()
    assert "confirm_findings" not in html
    client.post(f"/moderation/item/{item.pk}/approve/", {"version": 1})
    assert Testimony.objects.get().status == Testimony.Status.PUBLISHED


def test_approving_with_edits_that_keep_a_phone_number_keeps_the_edits_and_asks(client, moderator):
    item = claimed(moderator, PHONE)
    edited = PHONE.replace("Call me", "Ring me")
    response = client.post(
        f"/moderation/item/{item.pk}/approve/",
        {"version": 1, "with_edits": "1", "title": "", "body": edited},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was published" in html
    assert f"\n{edited}</textarea>" in html
    assert 'name="confirm_findings"' in html
    assert Testimony.objects.get().body == PHONE


# --- Batch approval --------------------------------------------------------------------------


def test_batch_approval_lists_only_clean_statements_each_behind_its_warnings(client, moderator):
    clean = claimed(ModeratorFactory(), "At 12. Me too.")
    services.item_release(item_id=clean.pk, moderator=clean.claimed_by)
    flagged = TestimonyFactory(body=PHONE)
    services.testimony_screen(testimony_id=flagged.pk)
    html = client.get("/moderation/batch/").content.decode()
    assert PHONE not in html
    assert "Statement 1: no content warning</label>" in html
    # The words come after the warning, collapsed until asked for.
    assert re.search(
        r"<details>\s*<summary>Show statement 1</summary>\s*<p[^>]*>At 12\. Me too\.</p>", html
    )


def test_batch_approval_refuses_an_item_that_gained_findings_after_the_page_was_shown(
    client, moderator
):
    item = QueueItemFactory(screened=True)
    listed = re.search(
        r'name="listed" value="([^"]+)"', client.get("/moderation/batch/").content.decode()
    ).group(1)
    finding = {"field": "body", "kind": "phone", "start": 0, "end": 3, "text": "abc"}
    Screening.objects.filter(testimony=item.testimony).update(findings=[finding])
    response = client.post(
        "/moderation/batch/", {"listed": listed, "items": [f"{item.pk}:1"]}, follow=True
    )
    assert "Approved: 0. Skipped because they changed or were taken: 1." in (
        response.content.decode()
    )
    assert Testimony.objects.get().status == Testimony.Status.PENDING


# --- Redaction -------------------------------------------------------------------------------


def redact(client, item, **choice):
    testimony = Testimony.objects.get(pk=item.testimony_id)
    finding = testimony.screening.findings[0]
    data = {key: finding[key] for key in ("field", "start", "end", "kind")}
    return client.post(
        f"/moderation/item/{item.pk}/redact/",
        {"version": testimony.version, **data, **choice},
        follow=True,
    )


def test_the_replacement_a_moderator_picks_lands_in_the_text(client, moderator):
    item = claimed(moderator, "My coach Mr Miller told me to stay after practice.")
    html = client.get(f"/moderation/item/{item.pk}/").content.decode()
    assert '<option value="role:my-uncle">my uncle</option>' in html
    assert '<option value="place:a-school">a school</option>' in html
    response = redact(client, item, replacement="role:a-teacher")
    assert "Replaced. Check the text again before deciding." in response.content.decode()
    assert Testimony.objects.get().body == "My coach a teacher told me to stay after practice."
    assert AuditEntry.objects.get().note == 'body 9-18 (name) replaced with "a teacher"'


def test_own_words_with_an_address_are_refused_with_a_reason(client, moderator):
    item = claimed(moderator, "My coach Mr Miller told me to stay after practice.")
    response = redact(client, item, own_words="coach@club.org")
    assert "Use letters only, up to 40, for your own words." in response.content.decode()
    assert "Mr Miller" in Testimony.objects.get().body
    assert not AuditEntry.objects.exists()


# --- The queue -------------------------------------------------------------------------------


def test_each_queue_card_shows_its_warnings_first_then_findings_and_risk(client, moderator):
    testimony = TestimonyFactory(body=PHONE)
    testimony.content_warnings.set(ContentWarning.objects.filter(slug="harassment"))
    services.testimony_screen(testimony_id=testimony.pk)
    html = client.get("/moderation/").content.decode()
    card = html[html.index('<li class="queue-card">') :]
    risk = testimony.screening.risk_score
    assert card.index("Content warnings:</strong> Harassment") < card.index("1 finding · risk")
    assert f"1 finding · risk {risk:.2f}" in card


def test_releasing_from_the_queue_frees_the_lease_and_is_audited(client, moderator):
    item = claimed(moderator, "At 12. Me too.")
    html = client.get("/moderation/").content.decode()
    assert f'action="/moderation/item/{item.pk}/release/"' in html
    response = client.post(f"/moderation/item/{item.pk}/release/", follow=True)
    assert "Released: the item is back in the queue" in response.content.decode()
    item.refresh_from_db()
    assert (item.claimed_by, item.lease_expires_at) == (None, None)
    assert AuditEntry.objects.get().action == AuditEntry.Action.RELEASE
    assert services.claim_next_item(moderator=ModeratorFactory()) == item


# --- The header link -------------------------------------------------------------------------

MODERATION_LINK = '<li><a href="/moderation/">Moderation</a></li>'


def test_the_header_links_to_moderation_for_moderators_only(client, sign_in_moderator):
    # An anonymous visit first, so any cached header is already there.
    assert MODERATION_LINK not in client.get("/").content.decode()
    reader = User.objects.create_user("reader", password="a long passphrase")
    client.force_login(reader)
    assert MODERATION_LINK not in client.get("/").content.decode()
    client.logout()
    sign_in_moderator(client, ModeratorFactory())
    for path in ("/", "/share/", "/resources/"):
        assert MODERATION_LINK in client.get(path).content.decode(), path
    client.logout()
    assert MODERATION_LINK not in client.get("/").content.decode()
