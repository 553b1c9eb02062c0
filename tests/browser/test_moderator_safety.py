"""Journey 3b: a moderator cannot publish what screening marked by accident; the queue helps.

`a` on an item with findings opens the text and asks for the box under it (with JavaScript) or
comes back with the box to tick (without); batch approval offers only clean statements, each
behind its warnings; a replacement keeps the meaning; a claim can be released; on a phone the
Claim button is in view; the header links to the queue for moderators only.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from moderation.models import AuditEntry, QueueItem
from testimonies import services as testimony_services
from testimonies.models import ContentWarning, Testimony

from .journey import screen, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

PHONE = "Call me on 07700 900123 if it happened to you too."
NAMED = "Mr Miller told me to stay after practice. Me too."
CONFIRM = re.compile(r"^I have read the text")
PHONE_SIZE = {"width": 390, "height": 844}
SCREENSHOTS = settings.BASE_DIR / "screenshots"
VIEWPORTS = {"phone": PHONE_SIZE, "desktop": {"width": 1280, "height": 900}}


def submit(body: str, *, warnings: tuple[str, ...] = ()) -> Testimony:
    """A survivor's statement, saved and screened as the worker would."""
    testimony = testimony_services.testimony_submit(
        kind=Testimony.Kind.STATEMENT,
        body=body,
        content_warnings=ContentWarning.objects.filter(slug__in=warnings),
    ).testimony
    screen(testimony)
    return testimony


def status_of(testimony: Testimony) -> str:
    testimony.refresh_from_db()
    return testimony.status


def claim_next(page) -> None:
    page.get_by_role("button", name="Claim the next item").click()
    expect(page.get_by_role("heading", name="New submission: Short statement")).to_be_visible()


def test_the_a_key_on_an_item_with_findings_opens_the_text_and_publishes_only_once_confirmed(
    page, moderator
):
    flagged = submit(PHONE)
    approvals = []
    page.on(
        "request",
        lambda request: (
            approvals.append(request.url)
            if request.method == "POST" and request.url.endswith("/approve/")
            else None
        ),
    )
    with step("3b. moderator: claims the item with a phone number, text still collapsed"):
        moderator.sign_in(page)
        claim_next(page)
        expect(page.locator(".reveal__body")).not_to_be_visible()

    with step("3b. moderator: presses a; the text opens, the box under it has the focus"):
        page.keyboard.press("a")
        expect(page.get_by_label(CONFIRM)).to_be_focused()
        expect(page.locator(".reveal__body mark.finding--phone")).to_have_text("07700 900123")
        assert approvals == [], "pressing a sent the approval"
        assert status_of(flagged) == Testimony.Status.PENDING

    with step("3b. moderator: ticks the box with Space, then a publishes"):
        page.keyboard.press("Space")
        expect(page.get_by_label(CONFIRM)).to_be_checked()
        page.keyboard.press("a")
        expect(page.get_by_text("Approved and published.")).to_be_visible()
        assert status_of(flagged) == Testimony.Status.PUBLISHED


def test_without_javascript_approving_an_item_with_findings_comes_back_to_confirm(
    page_without_js, moderator
):
    page = page_without_js
    flagged = submit(PHONE)
    with step("3b. moderator without JavaScript: approves as it is without opening the text"):
        moderator.sign_in(page)
        claim_next(page)
        page.get_by_role("button", name="Approve as it is").click()

    with step("3b. the page comes back: nothing published, the text open, a box to tick"):
        expect(page.get_by_role("alert")).to_contain_text("Nothing was published")
        expect(page.locator(".reveal__body")).to_contain_text(PHONE)
        assert status_of(flagged) == Testimony.Status.PENDING

    with step("3b. moderator without JavaScript: ticks the box and approves"):
        page.get_by_label(CONFIRM).check()
        page.get_by_role("button", name="Approve as it is").click()
        expect(page.get_by_text("Approved and published.")).to_be_visible()
        assert status_of(flagged) == Testimony.Status.PUBLISHED


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_batch_approval_offers_only_clean_statements_each_behind_its_warnings(
    new_page, moderator, javascript
):
    page = new_page(javascript=javascript)
    clean = submit("At 12. Me too.", warnings=("harassment",))
    flagged = submit(PHONE)
    with step("3b. moderator: the batch page shows the warning, not the words"):
        moderator.sign_in(page)
        page.goto("/moderation/batch/")
        choice = page.get_by_role("checkbox", name="Statement 1: content warnings: Harassment")
        expect(choice).to_be_checked()
        expect(page.get_by_role("checkbox")).to_have_count(1)
        expect(page.get_by_text(clean.body)).not_to_be_visible()
        expect(page.get_by_text(PHONE)).to_have_count(0)

    with step("3b. moderator: opens the statement on demand"):
        page.get_by_text("Show statement 1").click()
        expect(page.get_by_text(clean.body)).to_be_visible()

    with step("3b. moderator: approves the batch; the flagged statement still waits"):
        page.get_by_role("button", name="Approve the ticked statements").click()
        expect(page.get_by_text("Approved: 1. Skipped")).to_be_visible()
        assert status_of(clean) == Testimony.Status.PUBLISHED
        assert status_of(flagged) == Testimony.Status.PENDING


def test_a_replacement_chosen_by_the_moderator_lands_in_the_text_and_the_audit(page, moderator):
    named = submit(NAMED)
    with step("3b. moderator: opens the text and picks a role for the name"):
        moderator.sign_in(page)
        claim_next(page)
        page.get_by_text("Show the text").click()
        page.get_by_label("Replace with").select_option(label="a coach")
        page.get_by_role("button", name="Replace", exact=True).click()
        expect(page.get_by_text("Replaced. Check the text again before deciding.")).to_be_visible()

    with step("3b. the text reads with the role, and the audit log says what replaced what"):
        page.get_by_text("Show the text").click()
        expect(page.locator(".reveal__body")).to_have_text(
            "a coach told me to stay after practice. Me too."
        )
        named.refresh_from_db()
        assert named.body == "a coach told me to stay after practice. Me too."
        entry = AuditEntry.objects.get(action=AuditEntry.Action.REDACT)
        assert entry.note == 'body 0-9 (name) replaced with "a coach"'


def test_releasing_a_claim_puts_the_item_back_for_anyone(page, moderator):
    submit("At 12. Me too.")
    with step("3b. moderator: claims an item, then releases it without deciding"):
        moderator.sign_in(page)
        claim_next(page)
        page.get_by_role("button", name="Release it without deciding").click()
        expect(page.get_by_text("Released: the item is back in the queue")).to_be_visible()

    with step("3b. the queue offers it to claim again, and the lease is gone"):
        expect(page.locator(".queue-card").get_by_role("button", name="Claim")).to_be_visible()
        item = QueueItem.objects.get()
        assert (item.claimed_by, item.lease_expires_at) == (None, None)
        assert AuditEntry.objects.get().action == AuditEntry.Action.RELEASE


def test_on_a_phone_the_claim_buttons_are_in_view_without_scrolling(new_page, moderator):
    for body in ("At 12. Me too.", PHONE, "On the bus, every morning."):
        submit(body, warnings=("harassment", "sexual-assault"))
    page = new_page(viewport=PHONE_SIZE, is_mobile=True, has_touch=True)
    with step("3b. moderator on a phone: the queue's first Claim is on the first screen"):
        moderator.sign_in(page)
        assert page.evaluate("window.scrollY") == 0
        expect(page.get_by_role("button", name="Claim the next item")).to_be_in_viewport(ratio=1)
        first_claim = page.locator(".queue-card").first.get_by_role("button", name="Claim")
        expect(first_claim).to_be_in_viewport(ratio=1)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_SIZE["width"], f"the queue is {width}px wide"


def test_the_header_links_to_moderation_for_moderators_only(new_page, moderator):
    visitor = new_page()
    header_link = {"role": "link", "name": "Moderation", "exact": True}
    with step("3b. a visitor: no Moderation link in the header"):
        visitor.goto("/")
        expect(visitor.locator(".site-header").get_by_role(**header_link)).to_have_count(0)

    page = new_page()
    with step("3b. moderator: the header of the wall links to the queue"):
        moderator.sign_in(page)
        page.goto("/")
        page.locator(".site-header").get_by_role(**header_link).click()
        expect(page.get_by_role("heading", name="Moderation queue")).to_be_visible()

    with step("3b. the visitor still sees no link after the moderator's visit"):
        visitor.goto("/")
        expect(visitor.locator(".site-header").get_by_role(**header_link)).to_have_count(0)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS.keys())
def test_screenshots_of_the_queue_and_an_item(new_page, moderator, viewport):
    """Written to screenshots/ (git-ignored) as queue-<viewport>.png and item-*-<viewport>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = VIEWPORTS[viewport]
    submit(PHONE, warnings=("harassment",))
    submit(NAMED)
    submit("At 12. Me too.", warnings=("sexual-assault",))
    page = new_page(viewport=size, is_mobile=viewport == "phone", has_touch=viewport == "phone")

    def shoot(name: str, *, full_page: bool = True):
        page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}.png", full_page=full_page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{name} is {width}px wide, wider than the {viewport}"

    with step(f"3b. screenshots ({viewport}): the queue"):
        moderator.sign_in(page)
        shoot("queue-first-screen", full_page=False)
        shoot("queue")

    with step(f"3b. screenshots ({viewport}): an item with findings, collapsed, then confirming"):
        claim_next(page)
        shoot("item")
        page.get_by_role("button", name="Approve as it is").click()
        expect(page.get_by_label(CONFIRM)).to_be_focused()
        shoot("item-confirm")
