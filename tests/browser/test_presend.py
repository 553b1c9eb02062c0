"""Journey 2b: before sending, the survivor sees what may identify someone, and chooses.

With JavaScript and without: a statement with a phone number comes back with the number marked,
"Send as it is" sends it once, and the author's view later shows the support readers sent.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from testimonies.models import Testimony
from testimonies.services import testimony_publish

from .journey import open_with_receipt, step
from .test_accessibility import assert_none, axe, violations_on  # noqa: F401 (axe: a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

PHONE = "+44 20 7946 0958"
STATEMENT = f"He kept calling me from {PHONE}, every night, for a year."
NOTICE = "This may identify you or someone else"
SCREENSHOTS = settings.BASE_DIR / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def write_with_a_phone_number(page):
    page.goto("/share/")
    page.get_by_role("radio", name="Short statement", exact=True).check()
    page.get_by_label("Your words").fill(STATEMENT)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(NOTICE)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_notice_marks_the_number_and_send_as_it_is_sends_it_once(new_page, javascript, axe):  # noqa: F811
    page = new_page(javascript=javascript)
    report = {}

    def check_axe(where: str):
        # axe runs as a script in the page: a page without JavaScript cannot run it (and
        # Playwright's evaluate() then waits for ever). Its markup is the same either way.
        if javascript:
            report[where] = violations_on(page, axe)

    with step("2b. survivor: sends a statement with a phone number; it comes back marked"):
        write_with_a_phone_number(page)
        mark = page.locator(".notice--presend mark")
        expect(mark).to_have_count(1)
        expect(mark).to_have_text(PHONE)
        assert re.sub(r"\D", "", mark.inner_text()) == "442079460958"
        # Nothing is sent yet, and every word is still in the box.
        expect(page.get_by_label("Your words")).to_have_value(STATEMENT)
        assert Testimony.objects.count() == 0
        check_axe("/share/ with the pre-send notice")

    with step("2b. survivor: “Edit my words” leads to the text box"):
        page.get_by_role("link", name="Edit my words").click()
        assert page.url.endswith("#id_body")

    with step("2b. survivor: chooses “Send as it is”; it is saved once"):
        page.get_by_role("button", name="Send as it is").click()
        expect(page.get_by_role("heading", name="Thank you. You are not alone.")).to_be_visible()
        code = page.locator(".receipt__code code").inner_text()
        assert list(Testimony.objects.values_list("body", flat=True)) == [STATEMENT]

    with step("2b. survivor: their view shows the number marked while it waits"):
        open_with_receipt(page, code)
        expect(page.get_by_role("heading", name="What may identify someone")).to_be_visible()
        expect(page.locator("mark")).to_have_text(PHONE)
        check_axe("/manage/ with findings")

    with step("2b. readers send support once it is published; the author sees the counts"):
        testimony = Testimony.objects.get()
        testimony_publish(testimony=testimony)
        reader = new_page(javascript=javascript)
        reader.goto(testimony.get_absolute_url())
        reader.get_by_role("button", name=re.compile(r"^I believe you")).click()
        reader.goto(testimony.get_absolute_url())
        reader.get_by_role("button", name=re.compile(r"^Sending strength")).click()
        open_with_receipt(page, code)
        support = page.locator(".support-counts li")
        expect(support).to_have_text(["I believe you: 1", "Me too: 0", "Sending strength: 1"])
        check_axe("/manage/ with support counts")

    assert_none(report)


def test_words_edited_after_the_notice_are_checked_again(page):
    with step("2b. survivor: removes the number after the notice; it is sent at once"):
        write_with_a_phone_number(page)
        page.get_by_label("Your words").fill("He kept calling me, every night, for a year.")
        page.get_by_role("button", name="Send as it is").click()
        expect(page.get_by_role("heading", name="Thank you. You are not alone.")).to_be_visible()
        assert Testimony.objects.get().body == "He kept calling me, every night, for a year."

    with step("2b. survivor: adds an email after the notice; it is marked in turn"):
        write_with_a_phone_number(page)
        page.get_by_label("Your words").fill("Write to him: sam@example.org")
        page.get_by_role("button", name="Send as it is").click()
        expect(page.locator(".notice--presend mark")).to_have_text("sam@example.org")
        assert Testimony.objects.count() == 1


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS.keys())
def test_screenshots_of_the_notice(new_page, viewport):
    SCREENSHOTS.mkdir(exist_ok=True)
    size = VIEWPORTS[viewport]
    page = new_page(viewport=size, is_mobile=viewport == "phone", has_touch=viewport == "phone")
    with step(f"2b. screenshots ({viewport}): the pre-send notice"):
        write_with_a_phone_number(page)
        page.screenshot(path=SCREENSHOTS / f"presend-notice-{size['width']}.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"the notice is {width}px wide on a {viewport}"
