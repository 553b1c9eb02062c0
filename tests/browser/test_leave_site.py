"""Journey 5: "Leave this site", by the button, Shift three times or Escape, leaves no way back
by Back, and never throws away a half-written story by accident."""

import pytest
from playwright.sync_api import expect

from .journey import step

pytestmark = pytest.mark.browser

STORY = "Something I never told anyone"


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
    # Nothing has the focus: the page itself.
    assert page.evaluate("document.activeElement === document.body")
    page.keyboard.press("Escape")


def leave_by_shift_three_times(page):
    for _ in range(3):
        page.keyboard.press("Shift")


def leave_by_shift_three_times_while_writing(page):
    # A survivor in the middle of a story, when someone walks in.
    page.get_by_role("radio", name="Longer story").check()
    page.get_by_label("Your words").fill(STORY)
    for _ in range(3):
        page.keyboard.press("Shift")


@pytest.mark.parametrize(
    ("page_left", "leave"),
    [
        ("/safety/", leave_by_button),
        ("/safety/", leave_by_escape),
        ("/safety/", leave_by_shift_three_times),
        ("/share/", leave_by_shift_three_times_while_writing),
    ],
    ids=["button", "escape", "shift-three-times", "shift-three-times-while-writing"],
)
def test_leaving_replaces_the_page_so_back_does_not_return_to_it(
    page, neutral_site, page_left, leave
):
    with step(f"5. survivor: reads /resources/, then {page_left}"):
        page.goto("/resources/")
        page.goto(page_left)

    with step(f"5. survivor: leaves ({leave.__name__.replace('_', ' ')})"):
        # Leaving never asks "leave this page?", whatever is typed.
        page.on("dialog", lambda dialog: pytest.fail(f"leaving asked: {dialog.type}"))
        leave(page)
        page.wait_for_url(neutral_site)

    with step("5. survivor: Back does not return to the page they left, nor to its words"):
        page.go_back()
        # The page left was replaced, not pushed: one step back is the page before it.
        assert page.url.endswith("/resources/"), page.url
        expect(page.get_by_role("heading", name="Get help now")).to_be_visible()
        assert STORY not in page.content()


def test_leaving_works_without_javascript_as_a_plain_link(page_without_js, neutral_site):
    page = page_without_js
    with step("5. survivor without JavaScript: the link still leaves"):
        page.goto("/safety/")
        page.get_by_role("link", name="Leave this site").click()
        page.wait_for_url(neutral_site)


def test_escape_while_writing_keeps_the_words_and_the_page(page, neutral_site):
    with step("5. survivor: presses Escape in the middle of a story"):
        page.goto("/share/")
        page.get_by_role("radio", name="Longer story").check()
        words = page.get_by_label("Your words")
        words.fill(STORY)
        words.press("Escape")

    with step("5. survivor: still on the form, every word there"):
        # Escape has been handled once this reaches the page: a leave would have hidden it.
        page.evaluate("new Promise(requestAnimationFrame)")
        assert not page.evaluate("document.documentElement.hidden")
        assert page.url.endswith("/share/"), page.url
        expect(words).to_have_value(STORY)
        expect(words).to_be_focused()

    with step("5. survivor: types capitals (Shift and a letter, three times): still writing"):
        words.press("End")
        for _ in range(3):
            words.press("Shift+A")
        page.evaluate("new Promise(requestAnimationFrame)")
        assert not page.evaluate("document.documentElement.hidden")
        expect(words).to_have_value(STORY + "AAA")

    with step("5. survivor: Escape with the focus outside the box, words still in the form"):
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press("Escape")
        page.evaluate("new Promise(requestAnimationFrame)")
        assert not page.evaluate("document.documentElement.hidden")
        assert page.url.endswith("/share/"), page.url
        expect(words).to_have_value(STORY + "AAA")


def test_escape_on_a_list_of_the_wall_stays_on_the_wall(page, neutral_site):
    with step("5. visitor: the topic list has the focus, and Escape is pressed"):
        page.goto("/")
        page.get_by_label("Topic").focus()
        page.keyboard.press("Escape")
        page.evaluate("new Promise(requestAnimationFrame)")
        assert not page.evaluate("document.documentElement.hidden")
        assert not page.url.startswith(neutral_site), page.url
        expect(page.get_by_role("heading", level=1)).to_contain_text("said “me too”")


def test_escape_on_an_open_content_warning_closes_it_instead_of_leaving(page, neutral_site):
    from testimonies.models import Testimony

    from .journey import published

    story = published(Testimony.Kind.STORY, "Words behind a warning.", warnings=["harassment"])
    with step("5. reader: opens a content warning, then presses Escape"):
        page.goto("/")
        summary = page.locator(f"#t-{story.public_id} summary")
        summary.click()
        expect(page.get_by_text("Words behind a warning.")).to_be_visible()
        page.keyboard.press("Escape")

    with step("5. reader: the warning is closed again, and the wall is still there"):
        expect(page.get_by_text("Words behind a warning.")).to_be_hidden()
        expect(summary).to_be_focused()
        assert not page.url.startswith(neutral_site), page.url
