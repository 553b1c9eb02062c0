"""The site in Spanish, French and Arabic in a real browser: chosen by the browser's language,
switched by the form without JavaScript, mirrored in Arabic, and clean under axe in each."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from testimonies import services
from testimonies.models import Testimony

from .journey import published, screen, step
from .test_accessibility import assert_none, violations_on
from .test_screenshots import SCREENSHOTS, VIEWPORTS, a_wall_with_content

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

TRANSLATED = ["es", "fr", "ar"]
PUBLIC_PAGES = ["/", "/?topic=school", "/share/", "/manage/", "/resources/", "/guidelines/"]
PUBLIC_PAGES += ["/privacy/", "/safety/", "/stats/", "/accounts/login/", "/accounts/signup/"]
MODERATION_PAGES = ["/moderation/", "/moderation/batch/", "/moderation/dashboard/"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


def choose_language(page, live_server, language: str) -> None:
    """What the switcher leaves behind: Django's language cookie."""
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )


def send_share_form(page, *, kind: str, body: str) -> None:
    """The share form, by its fields rather than its labels, which are in the page's language."""
    page.goto("/share/")
    page.locator(f'input[name="kind"][value="{kind}"]').check()
    page.locator("#id_body").fill(body)
    page.locator("form.share-form button[type=submit], main form button[type=submit]").last.click()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_public_page_in_each_language_has_no_wcag_violation(new_page, axe, language):
    story = published(
        Testimony.Kind.STORY,
        "It happened on a school trip in the second year. " * 10,
        title="The school trip",
        topics=["school"],
        warnings=["harassment", "sexual-assault"],
    )
    published(Testimony.Kind.STATEMENT, "At 14, at 19, at 30. Me too.", topics=["workplace"])
    published(Testimony.Kind.METOO, "")
    # The browser's own language (Accept-Language) chooses the site's.
    page = new_page(locale=language)
    report = {}
    for path in [*PUBLIC_PAGES, story.get_absolute_url(), f"/t/{story.public_id}/report/"]:
        with step(f"languages: {language} {path}"):
            assert page.goto(path).ok
            expect(page.locator("html")).to_have_attribute("lang", language)
            report[f"{language} {path}"] = violations_on(page, axe)

    with step(f"languages: {language} /share/ with its errors, then the receipt"):
        send_share_form(page, kind="statement", body="x" * 300)
        expect(page.get_by_role("alert")).to_be_visible()
        report[f"{language} /share/ with errors"] = violations_on(page, axe)
        send_share_form(page, kind="statement", body="In the lift at work.")
        expect(page.locator(".receipt__code code")).to_be_visible()
        report[f"{language} /share/ sent, with the receipt"] = violations_on(page, axe)
    assert_none(report)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_moderation_pages_in_each_language_have_no_wcag_violation(
    page, axe, moderator, live_server, language
):
    screen(
        services.testimony_submit(
            kind=Testimony.Kind.STATEMENT, body="Write to me at a@example.org. At 12."
        ).testimony
    )
    moderator.sign_in(page)
    choose_language(page, live_server, language)
    report = {}
    for path in MODERATION_PAGES:
        with step(f"languages: {language} {path}"):
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            report[f"{language} {path}"] = violations_on(page, axe)
    with step(f"languages: {language} an item, claimed"):
        page.goto("/moderation/")
        page.locator('button[data-shortcut="n"]').click()
        # Opened, so the form to replace the finding is checked too.
        page.locator('summary[data-shortcut="v"]').click()
        expect(page.locator(".reveal__body mark.finding")).to_have_count(1)
        report[f"{language} /moderation/item/"] = violations_on(page, axe)
    assert_none(report)


def test_a_reader_switches_language_with_the_form_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/guidelines/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option(label="Français")
    page.get_by_role("button", name="Change language").click()
    expect(page).to_have_url(re.compile(r"/guidelines/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Quitter ce site")).to_be_visible()
    # Remembered on the next page.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Langue").select_option(label="العربية")
    page.get_by_role("button", name="Changer de langue").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


@pytest.mark.parametrize(("language", "side"), [("en", "right"), ("ar", "left")])
def test_arabic_is_mirrored_with_the_exit_on_its_side_and_charts_still_left_to_right(
    new_page, language, side
):
    published(Testimony.Kind.STATEMENT, "At 14, at 19, at 30. Me too.", topics=["workplace"])
    page = new_page(locale=language, viewport=VIEWPORTS["desktop"])
    page.goto("/")
    width = VIEWPORTS["desktop"]["width"]
    leave = page.locator(".leave-site").bounding_box()
    exit_side = "left" if leave["x"] + leave["width"] / 2 < width / 2 else "right"
    assert exit_side == side, f"'Leave this site' is on the {exit_side} in {language}"
    # The navigation reads from the start of the line: right to left in Arabic.
    first, second = (page.locator(".site-nav li").nth(i).bounding_box()["x"] for i in (0, 1))
    assert (first > second) == (language == "ar")
    # The time axis of a chart runs left to right in every language.
    page.goto("/stats/")
    chart = page.locator("svg.chart").first
    assert chart.evaluate("svg => getComputedStyle(svg).direction") == "ltr"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS.keys())
def test_screenshots_of_the_arabic_pages(new_page, viewport):
    """Arabic, right to left, at a phone's and a desktop's width: screenshots/ar-<page>-*.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = VIEWPORTS[viewport]
    story = a_wall_with_content()
    page = new_page(
        locale="ar", viewport=size, is_mobile=viewport == "phone", has_touch=viewport == "phone"
    )
    for name, path in [
        ("wall", "/"),
        ("share", "/share/"),
        ("testimony", story.get_absolute_url()),
        ("manage", "/manage/"),
        ("resources", "/resources/"),
        ("guidelines", "/guidelines/"),
        ("safety", "/safety/"),
        ("stats", "/stats/"),
        ("login", "/accounts/login/"),
    ]:
        with step(f"languages: Arabic screenshot ({viewport}) of {path}"):
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            page.screenshot(path=SCREENSHOTS / f"ar-{name}-{viewport}.png", full_page=True)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= size["width"], f"{path} is {scroll_width}px wide in Arabic"
