"""Journey 10: a survivor's words are never lost by accident, and "me too" takes one tap.

Leaving a form with words asks first; one tap on the wall counts a "me too" and says where it
stands in the wave; a form that comes back with errors puts the focus on what went wrong; the
answer to a reaction is on the screen. With JavaScript and without.
"""

import re

import pytest
from playwright.sync_api import expect

from testimonies.models import PublishedTotal, Testimony
from tests.conftest import wait_for

from .journey import published, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

PHONE = {"width": 390, "height": 844}
STORY = "It was a teacher. I was fourteen."


def test_leaving_a_form_with_words_asks_first_and_an_empty_one_does_not(page):
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))

    with step("10. survivor: follows “Talk to someone now” from an empty form"):
        page.goto("/share/")
        page.get_by_role("link", name="Talk to someone now").click()
        expect(page.get_by_role("heading", name="Get help now")).to_be_visible()
        assert asked == []

    with step("10. survivor: writes, then follows the same link: the browser asks first"):
        page.goto("/share/")
        page.get_by_role("radio", name="Longer story").check()
        page.get_by_label("Your words").fill(STORY)
        page.get_by_role("link", name="Talk to someone now").click(no_wait_after=True)
        page.wait_for_event("dialog") if not asked else None
        assert asked == ["beforeunload"]

    with step("10. survivor: chose to stay: the words are all there"):
        assert page.url.endswith("/share/"), page.url
        expect(page.get_by_label("Your words")).to_have_value(STORY)

    with step("10. survivor: sends the form: sending never asks"):
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("heading", name="Thank you. You are not alone.")).to_be_visible()
        assert asked == ["beforeunload"]
        assert Testimony.objects.get().body == STORY


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_one_tap_on_the_wall_counts_a_metoo_and_says_where_it_stands(new_page, javascript):
    page = new_page(javascript=javascript)
    PublishedTotal.objects.create(kind=Testimony.Kind.METOO, shard=0, count=1_234_566)

    with step("10. survivor: sees the count on the wall"):
        page.goto("/")
        expect(page.locator(".counter__number")).to_have_text("1,234,566")

    with step("10. survivor: taps “Say “me too”” once"):
        page.get_by_role("button", name="Say “me too”").click()
        expect(page.get_by_role("heading", name="Thank you. You are not alone.")).to_be_visible()
        expect(page.get_by_text("Your “me too” has been counted on the wall.")).to_be_visible()
        expect(page.locator(".wave")).to_have_text(
            "You are one of 1,234,567 people who have said “me too”."
        )
        expect(page.locator(".receipt__code")).to_have_count(0)

    with step("10. survivor: reloads the thank-you page, which counts nothing more"):
        # With JavaScript the form carries a token, so a reload sending it again is "already
        # received"; without, the wall's form has none: the thank-you is a page of its own.
        page.reload()
        if not javascript:
            thanks = page.get_by_role("heading", name="Thank you. You are not alone.")
            expect(thanks).to_be_visible()
        assert Testimony.objects.filter(kind=Testimony.Kind.METOO).count() == 1

    with step("10. survivor: the wall's count has gone up by one"):
        # The browser may keep the wall for a second (PUBLIC_MAX_AGE): look again until then.
        def count_on_the_wall():
            page.goto("/")
            return page.locator(".counter__number").inner_text()

        wait_for(lambda: count_on_the_wall() == "1,234,567", timeout=10)
        assert Testimony.objects.filter(kind=Testimony.Kind.METOO).count() == 1


def test_each_wall_page_gets_a_token_of_its_own_so_a_double_tap_counts_once(page):
    with step("10. survivor: two loads of the wall, two different tokens"):
        tokens = []
        for _ in range(2):
            page.goto("/")
            token = page.locator(".one-tap input[name=submission_token]")
            expect(token).to_have_value(re.compile(r"^[0-9a-f]{36}$"))
            tokens.append(token.input_value())
        assert tokens[0] != tokens[1], tokens

    with step("10. survivor: the same page's form sent twice is counted once"):
        page.evaluate(
            """() => {
              const form = document.querySelector('.one-tap');
              const send = () => fetch(form.action, {method: 'POST', body: new FormData(form)});
              return send().then(send);
            }"""
        )
        assert Testimony.objects.filter(kind=Testimony.Kind.METOO).count() == 1


def test_the_share_page_has_the_one_tap_metoo_first(page):
    with step("10. survivor: “Say “me too”” is the first control of the share page"):
        page.goto("/share/")
        page.get_by_role("button", name="Say “me too”").click()
        expect(page.locator(".wave")).to_have_text("You are one of 1 person who has said “me too”.")


def test_on_a_phone_the_form_shows_only_what_the_chosen_kind_needs(new_page):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/share/")
    words, title = page.get_by_label("Your words"), page.get_by_label("Title (optional")
    topics = page.get_by_role("group", name="Topics (optional)")

    with step("10. survivor on a phone: “Me too” needs nothing more: Send is right there"):
        expect(page.get_by_role("radio", name="Me too", exact=True)).to_be_checked()
        expect(words).to_be_hidden()
        expect(title).to_be_hidden()
        expect(topics).to_be_hidden()
        # From the choice, one Tab reaches Send.
        page.get_by_role("radio", name="Me too", exact=True).focus()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Send")).to_be_focused()

    with step("10. survivor on a phone: a statement has words, topics and warnings, no title"):
        page.get_by_role("radio", name="Short statement").check()
        expect(words).to_be_visible()
        expect(topics).to_be_visible()
        expect(title).to_be_hidden()

    with step("10. survivor on a phone: a story has a title too"):
        page.get_by_role("radio", name="Longer story").check()
        expect(title).to_be_visible()
        title.fill("Years later")

    with step("10. survivor on a phone: a field with words never hides"):
        page.get_by_role("radio", name="Short statement").check()
        expect(title).to_be_visible()
        expect(title).to_have_value("Years later")


def test_without_javascript_a_phone_gets_every_field(new_page):
    page = new_page(javascript=False, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/share/")
    with step("10. survivor on a phone without JavaScript: every field is there"):
        expect(page.get_by_role("radio", name="Me too", exact=True)).to_be_checked()
        expect(page.get_by_label("Your words")).to_be_visible()
        expect(page.get_by_label("Title (optional")).to_be_visible()
        expect(page.get_by_role("group", name="Topics (optional)")).to_be_visible()


def send_too_long_a_statement(page):
    page.goto("/share/")
    page.get_by_role("radio", name="Short statement").check()
    page.get_by_label("Your words").fill("x" * 300)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Nothing has been sent yet")).to_be_visible()
    return page.locator("[data-error-summary]")


def test_the_focus_lands_on_the_error_summary(page):
    with step("10. survivor: a statement too long comes back: the focus is on what went wrong"):
        summary = send_too_long_a_statement(page)
        expect(summary).to_be_focused()
        expect(summary).to_be_in_viewport()

    with step("10. survivor: the summary's link goes to the box with the words"):
        summary.get_by_role("link").click()
        expect(page.get_by_label("Your words")).to_be_focused()
        expect(page.get_by_label("Your words")).to_have_value("x" * 300)


def test_without_javascript_the_error_summary_is_first_in_the_main_content(page_without_js):
    page = page_without_js
    with step("10. survivor without JavaScript: the summary is the first thing in <main>"):
        summary = send_too_long_a_statement(page)
        expect(page.locator("main > *").first).to_have_attribute("data-error-summary", "")
        expect(summary).to_be_in_viewport()
        expect(summary.get_by_role("link")).to_have_attribute("href", "#id_body")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_answer_to_a_reaction_is_on_the_screen(new_page, javascript):
    page = new_page(javascript=javascript, viewport=PHONE, is_mobile=True, has_touch=True)
    oldest = published(Testimony.Kind.STATEMENT, "The first one on the wall.")
    for n in range(6):
        published(Testimony.Kind.STATEMENT, f"Another statement, number {n}. " * 6)

    with step("10. reader on a phone: scrolls down the wall and sends “I believe you”"):
        page.goto("/")
        card = page.locator(f"#t-{oldest.public_id}")
        card.get_by_role("button", name="I believe you").click()

    with step("10. reader: the thank-you is on the screen, beside the buttons"):
        thanks = page.get_by_text("Thank you. The author will see your support counted.")
        expect(thanks).to_be_visible()
        expect(thanks).to_be_in_viewport()
        expect(card.get_by_role("button", name="I believe you")).to_be_in_viewport()
