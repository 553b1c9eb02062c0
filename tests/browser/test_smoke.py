"""A person in a real browser: posting a statement, and leaving the site in a hurry."""

import pytest

from testimonies.models import Testimony

pytestmark = pytest.mark.browser


def test_a_survivor_posts_a_statement_and_sees_the_confirmation(page):
    page.goto("/share/")
    page.get_by_label("Short statement").check()
    page.get_by_label("Your words").fill("At 14, at 19, at 30. Me too.")
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Thank you. You are not alone.").is_visible()
    assert Testimony.objects.get().body == "At 14, at 19, at 30. Me too."


def test_sharing_works_without_javascript_and_errors_keep_the_text(page_without_js):
    page = page_without_js
    page.goto("/share/")
    page.get_by_label("Short statement").check()
    page.get_by_label("Your words").fill("x" * 300)
    page.get_by_role("button", name="Send").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Your words").input_value() == "x" * 300


def test_leave_this_site_is_the_first_thing_the_tab_key_reaches(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Leave this site" in focused


def test_escape_leaves_and_back_does_not_return_to_the_site(page, settings, live_server):
    # Point "Leave this site" at a page of the live server, since no other site is reachable.
    settings.LEAVE_SITE_URL = f"{live_server.url}/healthz"
    page.goto("/resources/")
    page.goto("/safety/")
    page.keyboard.press("Escape")
    page.wait_for_url("**/healthz")
    page.go_back()
    # The safety page was replaced, not pushed: one step back is the page before it.
    assert page.url.endswith("/resources/")
