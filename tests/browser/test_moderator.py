"""Journey 3: a moderator signs in with a second factor, works the queue, and the author sees it."""

import pytest
from playwright.sync_api import expect

from moderation.models import AuditEntry
from testimonies import services as testimony_services
from testimonies.models import Testimony

from .journey import open_with_receipt, screen, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

NAMED = "My coach Mr Miller told me to stay after practice. Me too."
SPAM = "Cheap watches, best prices, visit my shop today."
SHORT_STATEMENTS = ["At 12. Me too.", "On the bus, every morning.", "Me too, at my first job."]


def submit(body: str):
    """A survivor's statement, saved and screened as the worker would: (testimony, receipt)."""
    submission = testimony_services.testimony_submit(kind=Testimony.Kind.STATEMENT, body=body)
    screen(submission.testimony)
    return submission.testimony, submission.receipt_code


def test_a_moderator_signs_in_with_a_code_redacts_approves_rejects_and_batch_approves(
    page, new_page, moderator
):
    named, named_code = submit(NAMED)
    spam, spam_code = submit(SPAM)

    with step("3. moderator: signs in with a password and a code from the authenticator app"):
        moderator.sign_in(page)

    with step("3. moderator: claims the next item, the oldest"):
        page.get_by_role("button", name="Claim the next item").click()
        expect(page.get_by_role("heading", name="New submission: Short statement")).to_be_visible()
        # Collapsed until revealed.
        expect(page.locator(".reveal__body")).not_to_be_visible()

    with step("3. moderator: reveals the text and sees the name highlighted"):
        page.get_by_text("Show the text").click()
        expect(page.locator(".reveal__body mark.finding--name")).to_have_text("Mr Miller")

    with step("3. moderator: replaces the name with its placeholder, the first choice"):
        expect(page.get_by_label("Replace with")).to_have_value("placeholder")
        page.get_by_role("button", name="Replace", exact=True).click()
        expect(page.get_by_text("Replaced. Check the text again before deciding.")).to_be_visible()
        page.get_by_text("Show the text").click()
        expect(page.locator(".reveal__body")).to_contain_text("My coach [name removed] told me")
        expect(page.get_by_role("button", name="Replace", exact=True)).to_have_count(0)

    with step("3. moderator: approves with a content warning"):
        page.get_by_text("Approve with edits and content warnings").click()
        page.get_by_role("checkbox", name="Harassment").check()
        page.get_by_role("button", name="Approve with these edits").click()
        named.refresh_from_db()
        assert named.status == Testimony.Status.PUBLISHED, named.status
        assert named.body == "My coach [name removed] told me to stay after practice. Me too."
        assert [w.name for w in named.content_warnings.all()] == ["Harassment"]

    with step("3. moderator: is handed the next item and rejects it with a reason"):
        expect(page.get_by_text("Approved and published.")).to_be_visible()
        page.get_by_text("Show the text").click()
        expect(page.locator(".reveal__body")).to_have_text(SPAM)
        page.locator("summary", has_text="Reject").click()
        page.get_by_role("radio", name="Spam").check()
        # By name, not by label: the three decision forms all render id="id_note", so the
        # reject form's label points at the approve form's note (see the report on this issue).
        reject_form = page.locator("form[action$='/reject/']")
        reject_form.locator("textarea[name=note]").fill("Only testimonies here.")
        page.get_by_role("button", name="Reject", exact=True).click()
        expect(page.get_by_text("Rejected. The author can read the reason")).to_be_visible()
        expect(page.get_by_role("heading", name="Moderation queue")).to_be_visible()
        expect(page.get_by_text("Nothing is waiting.")).to_be_visible()
        spam.refresh_from_db()
        assert spam.status == Testimony.Status.REJECTED
        assert spam.rejection_reason == "spam"

    with step("3. moderator: batch-approves the short statements screening found clean"):
        statements = [submit(body)[0] for body in SHORT_STATEMENTS]
        flagged, _code = submit("Call me on 07700 900123 if it happened to you too.")
        page.get_by_role("link", name="Batch approval").click()
        for n in range(1, 4):
            expect(
                page.get_by_role("checkbox", name=f"Statement {n}: no content warning")
            ).to_be_checked()
        # What screening flagged is not offered: it is reviewed on its own.
        expect(page.get_by_role("checkbox")).to_have_count(3)
        expect(page.get_by_text(flagged.body)).to_have_count(0)
        page.get_by_role("button", name="Approve the ticked statements").click()
        expect(
            page.get_by_text("Approved: 3. Skipped because they changed or were taken: 0.")
        ).to_be_visible()
        for statement in statements:
            statement.refresh_from_db()
            assert statement.status == Testimony.Status.PUBLISHED, statement.body
        flagged.refresh_from_db()
        assert flagged.status == Testimony.Status.PENDING

    with step("3. every decision is in the audit log, under the moderator's name"):
        actions = AuditEntry.objects.filter(actor=moderator.user).values_list("action", flat=True)
        # Adding only a content warning is logged as a plain "approve" (an edit counts when the
        # words change), so both approvals count alike here.
        approvals = [a for a in actions if a in ("approve", "approve_edited")]
        assert len(approvals) == 4, list(actions)
        assert sorted(set(actions) - {"approve", "approve_edited"}) == ["redact", "reject"]

    survivor = new_page()
    with step("3. author: the rejected statement's receipt shows the reason and the note"):
        open_with_receipt(survivor, spam_code)
        expect(survivor.get_by_role("heading", name="Status: Not published")).to_be_visible()
        expect(
            survivor.get_by_text("It was not published because it looked like spam.")
        ).to_be_visible()
        expect(survivor.get_by_text("Only testimonies here.")).to_be_visible()

    with step("3. author: the approved statement's receipt says it is on the wall"):
        open_with_receipt(survivor, named_code)
        expect(survivor.get_by_role("heading", name="Status: Published")).to_be_visible()
        survivor.get_by_role("link", name="See it as readers do").click()
        expect(survivor.get_by_text("Content warning: Harassment")).to_be_visible()
        expect(survivor.get_by_text("Mr Miller")).to_have_count(0)
