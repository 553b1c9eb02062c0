"""Journey 6: with JavaScript off, sharing, reacting, reporting, moderating and leaving all work."""

import pytest
from playwright.sync_api import expect

from moderation.models import Report
from testimonies import services
from testimonies.models import ContentWarning, Testimony

from .journey import screen, share, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]


def test_sharing_works_without_javascript_and_errors_keep_the_text(page_without_js):
    page = page_without_js
    with step("6. survivor without JavaScript: a statement too long comes back with its text"):
        page.goto("/share/")
        page.get_by_label("Short statement").check()
        page.get_by_label("Your words").fill("x" * 300)
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("alert")).to_contain_text("Nothing has been sent yet")
        expect(page.get_by_label("Your words")).to_have_value("x" * 300)
        assert not Testimony.objects.exists()

    with step("6. survivor without JavaScript: shortens it, sends, and gets a receipt code"):
        code = share(
            page,
            kind="Short statement",
            body="x" * 280,
            warnings=("Harassment",),
            topics=("Online",),
        )
        assert code and len(code.split()) == 10, code
        assert Testimony.objects.get().body == "x" * 280


def test_reading_reacting_and_reporting_work_without_javascript(page_without_js):
    page = page_without_js
    testimony = services.testimony_submit(
        kind=Testimony.Kind.STORY,
        title="The school trip",
        body="On the school trip, in the second year. " * 5,
        content_warnings=ContentWarning.objects.filter(slug="harassment"),
    ).testimony
    services.testimony_publish(testimony=testimony)
    card = page.locator(f"#t-{testimony.public_id}")

    with step("6. visitor without JavaScript: opens the content warning"):
        page.goto("/")
        card.get_by_text("Content warning: Harassment").click()
        expect(card.get_by_text("On the school trip").first).to_be_visible()

    with step("6. visitor without JavaScript: sends “Sending strength”"):
        card.get_by_role("button", name="Sending strength").click()
        expect(
            page.get_by_text("Thank you. The author will see your support counted.")
        ).to_be_visible()
        testimony.refresh_from_db()
        assert testimony.strength_reactions == 1

    with step("6. visitor without JavaScript: reports it"):
        page.goto(testimony.get_absolute_url())
        page.get_by_role("link", name="Report this testimony").click()
        page.get_by_role("radio", name="It is spam or advertising").check()
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()
        assert Report.objects.get(testimony=testimony).reason == "spam"


def test_moderating_works_without_javascript(page_without_js, moderator):
    page = page_without_js
    named = services.testimony_submit(
        kind=Testimony.Kind.STATEMENT, body="He said Daniel would never believe me."
    ).testimony
    other = services.testimony_submit(kind=Testimony.Kind.STATEMENT, body="Buy followers").testimony
    screen(named)
    screen(other)

    with step("6. moderator without JavaScript: signs in with a password and a code"):
        moderator.sign_in(page)

    with step("6. moderator without JavaScript: claims the next item and reveals the text"):
        page.get_by_role("button", name="Claim the next item").click()
        page.get_by_text("Show the text").click()
        expect(page.locator(".reveal__body mark.finding--name")).to_have_text("Daniel")

    with step("6. moderator without JavaScript: replaces the name with its placeholder"):
        page.get_by_role("button", name="Replace", exact=True).click()
        page.get_by_text("Show the text").click()
        expect(page.locator(".reveal__body")).to_have_text(
            "He said [name removed] would never believe me."
        )

    with step("6. moderator without JavaScript: approves it as it is"):
        page.get_by_role("button", name="Approve as it is").click()
        expect(page.get_by_text("Approved and published.")).to_be_visible()
        named.refresh_from_db()
        assert named.status == Testimony.Status.PUBLISHED

    with step("6. moderator without JavaScript: rejects the next item"):
        page.locator("summary", has_text="Reject").click()
        page.get_by_role("radio", name="Spam").check()
        page.get_by_role("button", name="Reject", exact=True).click()
        expect(page.get_by_text("Rejected. The author can read the reason")).to_be_visible()
        other.refresh_from_db()
        assert other.status == Testimony.Status.REJECTED


def test_leave_this_site_is_a_plain_link_without_javascript(page_without_js, settings, live_server):
    page = page_without_js
    settings.LEAVE_SITE_URL = f"{live_server.url}/healthz"
    with step("6. survivor without JavaScript: “Leave this site” still leaves"):
        page.goto("/share/")
        page.get_by_role("link", name="Leave this site").click()
        page.wait_for_url(settings.LEAVE_SITE_URL)
