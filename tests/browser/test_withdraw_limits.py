"""Withdrawing with a valid code works in a real browser after the look-up limit is spent,
with JavaScript and without."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from testimonies.models import Testimony
from testimonies.services import testimony_submit

from .journey import step
from .test_accessibility import violations_on

pytestmark = pytest.mark.browser


@pytest.fixture
def tight_lookups(settings):
    settings.RATELIMITS = {"receipt_lookup": ["2/h"]}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.usefixtures("tight_lookups")
def test_withdraw_works_after_the_lookup_limit_is_spent(new_page, javascript):
    page = new_page(javascript=javascript)
    submission = testimony_submit(kind="statement", body="Words I want gone.")
    code = submission.receipt_code

    with step("survivor: mistypes the code until no look-up is left"):
        page.goto("/manage/")
        for attempt in range(3):
            page.get_by_label("Your receipt code").fill(f"a mistyped code {attempt}")
            page.get_by_role("button", name="Open").click()
        expect(page.get_by_role("alert")).to_contain_text("can be tried 2 times")

    with step("survivor: the right code is refused for opening, and the page offers deletion"):
        page.get_by_label("Your receipt code").fill(code)
        page.get_by_role("button", name="Open").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("none are left for now")
        expect(alert).to_contain_text("You can open or change your testimony again in")
        expect(page.get_by_text("Deleting is never limited")).to_be_visible()
        if javascript:  # axe runs in the page
            assert violations_on(page, Axe()) == []

    with step("survivor: ticks the box and deletes it for good"):
        page.get_by_label("I understand that my words will be deleted for good").check()
        page.get_by_role("button", name="Delete my testimony").click()
        expect(page.get_by_role("heading", name="Your testimony has been deleted")).to_be_visible()
        assert not Testimony.objects.exists()


def test_the_pages_of_this_change_have_no_wcag_violation(page):
    axe = Axe()
    for path in ("/privacy/", "/accounts/password/reset/"):
        with step(f"accessibility: {path}"):
            page.goto(path)
            assert violations_on(page, axe) == []
