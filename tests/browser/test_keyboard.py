"""Journey 7: sharing with the keyboard alone, the focus visible at every step."""

import pytest
from playwright.sync_api import expect

from testimonies.models import Testimony

from .journey import assert_focus_visible, press_checking_focus, step, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]


VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_survivor_shares_with_the_keyboard_alone_and_always_sees_the_focus(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("/share/")

    with step("7. keyboard: the first Tab reaches “Leave this site”, with a visible focus"):
        state = press_checking_focus(page, "Tab")
        assert "Leave this site" in state["description"], state

    with step("7. keyboard: “Skip to content” jumps past the navigation"):
        state = press_checking_focus(page, "Tab")
        assert "Skip to content" in state["description"], state
        page.keyboard.press("Enter")
        # The next Tab starts inside the main content, not in the header's navigation.
        state = press_checking_focus(page, "Tab")
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")

    with step("7. keyboard: Shift+Tab goes back up the form, never under the sticky bar"):
        tab_to(page, "Send")
        for _ in range(60):
            if "Leave this site" in press_checking_focus(page, "Shift+Tab")["description"]:
                break
        else:
            raise AssertionError("Shift+Tab never got back to “Leave this site”")
        tab_to(page, "Skip to content")
        page.keyboard.press("Enter")

    with step("7. keyboard: reaches the choice of kind and picks “Short statement” with an arrow"):
        tab_to(page, "Me too")
        state = press_checking_focus(page, "ArrowDown")
        assert "Short statement" in state["description"], state
        expect(page.get_by_role("radio", name="Short statement")).to_be_checked()

    with step("7. keyboard: writes the statement"):
        tab_to(page, "Your words")
        page.keyboard.type("In the lift at work, twice. Me too.")
        assert_focus_visible(page)

    with step("7. keyboard: ticks a content warning with the space bar"):
        tab_to(page, "Harassment")
        press_checking_focus(page, "Space")
        expect(page.get_by_role("checkbox", name="Harassment")).to_be_checked()

    with step("7. keyboard: ticks a topic with the space bar"):
        tab_to(page, "Workplace")
        press_checking_focus(page, "Space")
        expect(page.get_by_role("checkbox", name="Workplace")).to_be_checked()

    with step("7. keyboard: reaches “Send” and sends with Enter"):
        tab_to(page, "Send")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Thank you. You are not alone.")).to_be_visible()
        expect(page.locator(".receipt__code code")).not_to_be_empty()

    with step("7. keyboard: what was sent is what was typed and ticked"):
        testimony = Testimony.objects.get()
        assert testimony.kind == Testimony.Kind.STATEMENT
        assert testimony.body == "In the lift at work, twice. Me too."
        assert [w.slug for w in testimony.content_warnings.all()] == ["harassment"]
        assert [t.slug for t in testimony.topics.all()] == ["workplace"]

    with step("7. keyboard: the confirmation page's links show their focus too"):
        tab_to(page, "Find support")
