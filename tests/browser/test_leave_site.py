"""Journey 5: "Leave this site", by the button or the Escape key, leaves no way back by Back."""

import pytest
from playwright.sync_api import expect

from .journey import step

pytestmark = pytest.mark.browser


@pytest.fixture
def neutral_site(settings, live_server):
    """Point "Leave this site" at a page of the live server: no other site is reachable here."""
    settings.LEAVE_SITE_URL = f"{live_server.url}/healthz"
    return settings.LEAVE_SITE_URL


def test_leave_this_site_is_the_first_thing_the_tab_key_reaches(page):
    with step("5. survivor: the first Tab on a page reaches “Leave this site”"):
        page.goto("/")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert "Leave this site" in focused, focused


def leave_by_button(page):
    page.get_by_role("link", name="Leave this site").click()


def leave_by_escape(page):
    page.keyboard.press("Escape")


def leave_by_escape_while_writing(page):
    # A survivor in the middle of a story, when someone walks in.
    page.get_by_label("Your words").fill("Something I never told anyone")
    page.keyboard.press("Escape")


@pytest.mark.parametrize(
    ("page_left", "leave"),
    [
        ("/safety/", leave_by_button),
        ("/safety/", leave_by_escape),
        ("/share/", leave_by_escape_while_writing),
    ],
    ids=["button", "escape", "escape-while-writing"],
)
def test_leaving_replaces_the_page_so_back_does_not_return_to_it(
    page, neutral_site, page_left, leave
):
    with step(f"5. survivor: reads /resources/, then {page_left}"):
        page.goto("/resources/")
        page.goto(page_left)

    with step(f"5. survivor: leaves ({leave.__name__.replace('_', ' ')})"):
        leave(page)
        page.wait_for_url(neutral_site)

    with step("5. survivor: Back does not return to the page they left"):
        page.go_back()
        # The page left was replaced, not pushed: one step back is the page before it.
        assert page.url.endswith("/resources/"), page.url
        expect(page.get_by_role("heading", name="Get help now")).to_be_visible()
