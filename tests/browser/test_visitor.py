"""Journey 4: a visitor reads the wall, opens a warning, sends support, reports, filters, pages."""

import re

import pytest
from playwright.sync_api import expect

from moderation.models import QueueItem, Report
from testimonies import services as testimony_services
from testimonies.models import Testimony

from .journey import published, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

# Oldest first; the wall shows them newest first.
TESTIMONIES = [
    ("story", "After training", "The coach kept me behind. " * 8, "sport", "sexual-assault"),
    ("statement", "", "My manager, at my first job. Me too.", "workplace", None),
    ("statement", "", "Messages every night for a year.", "online", None),
    ("statement", "", "On the night bus home, more than once.", "public-place", None),
    ("story", "Second year", "It was a party in the second year. " * 6, "school", "harassment"),
]


def publish(kind, title, body, topic, warning) -> Testimony:
    return published(kind, body, title=title, topics=[topic], warnings=[warning] if warning else [])


def cards(page):
    return page.locator("article.card")


def test_a_visitor_reads_opens_a_warning_reacts_reports_filters_searches_and_pages(page, settings):
    settings.WALL_PAGE_SIZE = 2
    *_older, bus, newest = [publish(*row) for row in TESTIMONIES]

    with step("4. visitor: reads the wall, newest first, with the count of everyone"):
        page.goto("/")
        expect(page.locator(".counter__number")).to_have_text("5")
        expect(cards(page)).to_have_count(2)
        expect(cards(page).first.get_by_role("heading")).to_have_text("Second year")
        expect(cards(page).nth(1)).to_contain_text("On the night bus home")

    newest_card = page.locator(f"#t-{newest.public_id}")
    with step("4. visitor: the story's words stay folded behind its content warning"):
        warning = newest_card.locator("details.card__warning")
        expect(warning.locator("summary")).to_contain_text("Content warning: Harassment")
        expect(newest_card.get_by_text("It was a party")).not_to_be_visible()

    with step("4. visitor: opens the content warning and reads"):
        warning.locator("summary").click()
        expect(warning).to_have_attribute("open", "")
        expect(newest_card.get_by_text("It was a party").first).to_be_visible()

    with step("4. visitor: sends “I believe you”"):
        newest_card.get_by_role("button", name="I believe you").click()
        expect(
            page.get_by_text("Thank you. The author will see your support counted.")
        ).to_be_visible()
        newest.refresh_from_db()
        assert newest.believe_reactions == 1

    with step("4. visitor: the count shows on the testimony's own page"):
        page.goto(newest.get_absolute_url())
        expect(page.get_by_role("button", name="I believe you")).to_have_text(
            re.compile(r"I believe you\s+1")
        )

    with step("4. visitor: sending it again counts once"):
        page.get_by_role("button", name="I believe you").click()
        expect(page.get_by_text("You had already sent this. It is counted once.")).to_be_visible()
        expect(page.get_by_role("button", name="I believe you")).to_have_text(
            re.compile(r"I believe you\s+1")
        )

    with step("4. visitor: reports a testimony"):
        page.goto("/")
        bus_card = page.locator(f"#t-{bus.public_id}")
        bus_card.get_by_role("link", name="Report this testimony").click()
        expect(page).to_have_url(re.compile(rf"/t/{bus.public_id}/report/$"))
        page.get_by_role("radio", name="It names or identifies someone").check()
        page.get_by_label("Details (optional)").fill("It names the bus route and the driver.")
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()
        report = Report.objects.get(testimony=bus)
        assert report.reason == "identifies_person"
        assert QueueItem.objects.filter(testimony=bus, reason="report", is_open=True).exists()

    with step("4. visitor: filters the wall by topic"):
        page.goto("/")
        page.get_by_label("Topic").select_option(label="Online")
        page.get_by_role("button", name="Show").click()
        expect(page).to_have_url(re.compile(r"topic=online"))
        expect(cards(page)).to_have_count(1)
        expect(cards(page).first).to_contain_text("Messages every night for a year.")

    with step("4. visitor: searches the wall"):
        page.get_by_role("link", name="Clear").click()
        page.get_by_role("searchbox", name="Search").fill("night bus")
        page.get_by_role("button", name="Show").click()
        expect(page.get_by_role("heading", name="Testimonies with “night bus”")).to_be_visible()
        expect(cards(page)).to_have_count(1)
        expect(cards(page).first).to_contain_text("On the night bus home")

    with step("4. visitor: pages back through the wall with “Older testimonies”"):
        page.goto("/")
        older = page.locator("a[rel=next]")
        expect(older).to_have_text("Older testimonies")
        older.click()
        expect(page.get_by_role("heading", name="Older testimonies")).to_be_visible()
        expect(cards(page)).to_have_count(2)
        expect(cards(page).first).to_contain_text("Messages every night")
        expect(cards(page).nth(1)).to_contain_text("My manager")
        page.locator("a[rel=next]").click()
        expect(cards(page)).to_have_count(1)
        expect(cards(page).first.get_by_role("heading")).to_have_text("After training")
        expect(page.locator("a[rel=next]")).to_have_count(0)

    with step("4. visitor: goes “Back to the newest”"):
        page.get_by_role("link", name="Back to the newest").click()
        expect(page.get_by_role("heading", name="Newest testimonies")).to_be_visible()
        expect(cards(page).first.get_by_role("heading")).to_have_text("Second year")
        expect(page.get_by_role("link", name="Back to the newest")).to_have_count(0)


def test_a_reaction_sent_from_the_wall_shows_in_the_count_on_the_wall(page):
    testimony = publish(*TESTIMONIES[1])
    page.goto("/")
    button = page.locator(f"#t-{testimony.public_id}").get_by_role("button", name="I believe you")
    with step("4. visitor: sends “I believe you” from the wall"):
        button.click()
        expect(
            page.get_by_text("Thank you. The author will see your support counted.")
        ).to_be_visible()
    with step("4. visitor: the wall counts it at once"):
        expect(button).to_have_text(re.compile(r"I believe you\s+1"), timeout=1000)


def test_the_counter_moves_by_itself_and_tells_screen_readers_politely(page, settings):
    settings.WALL_COUNT_REFRESH_SECONDS = 1
    settings.WALL_COUNT_ANNOUNCE_SECONDS = 0
    publish(*TESTIMONIES[1])
    page.goto("/")
    expect(page.locator(".counter__number")).to_have_text("1")
    announcer = page.locator("[data-count-announcer]")
    expect(announcer).to_have_attribute("aria-live", "polite")
    for _ in range(1233):
        testimony_services.testimony_submit(kind="metoo")
    # No reload: the page asks for the count by itself.
    expect(page.locator(".counter__number")).to_have_text("1,234")
    expect(announcer).to_have_text("1,234 people have said “me too”")
    expect(page.locator(".counter__today")).to_have_text("1,234 of them today.")


def test_without_javascript_the_counter_is_the_number_rendered(page_without_js):
    publish(*TESTIMONIES[1])
    page_without_js.goto("/")
    expect(page_without_js.locator(".counter__number")).to_have_text("1")
