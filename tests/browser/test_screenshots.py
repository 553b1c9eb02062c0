"""Journey 9: screenshots of the main pages on a phone and a desktop, for people to look at.

Written to screenshots/ at the repository root (git-ignored), as <page>-<width>.png.
"""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from testimonies import services
from testimonies.models import Testimony

from .journey import published, screen, share, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

SCREENSHOTS = settings.BASE_DIR / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

STORY = (
    "It started in my second year, on a school trip. A teacher kept finding reasons to sit "
    "next to me on the coach.\n\nI did not tell anyone for eleven years. I am telling you now "
    "because reading the others here made me feel less alone. " * 2
)


def a_wall_with_content() -> Testimony:
    """A few published testimonies, a bare "me too", and the newest story to open."""

    for _ in range(3):
        published(Testimony.Kind.METOO, "")
    published(Testimony.Kind.STATEMENT, "At 14, at 19, at 30. Me too.", topics=["workplace"])
    published(
        Testimony.Kind.STATEMENT, "On the night bus home, more than once.", topics=["public-place"]
    )
    return published(
        Testimony.Kind.STORY,
        STORY,
        title="The school trip",
        topics=["school", "childhood"],
        warnings=["harassment", "sexual-assault"],
    )


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS.keys())
def test_screenshots_of_the_main_pages(new_page, moderator, viewport):
    SCREENSHOTS.mkdir(exist_ok=True)
    size = VIEWPORTS[viewport]
    story = a_wall_with_content()
    for body in ("My coach Mr Miller told me to stay after practice.", "At 12. Me too."):
        screen(services.testimony_submit(kind=Testimony.Kind.STATEMENT, body=body).testimony)
    page = new_page(viewport=size, is_mobile=viewport == "phone", has_touch=viewport == "phone")

    def shoot(name: str):
        page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}.png", full_page=True)
        # Nothing may push the page sideways: on a phone that hides half of every line.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{name} is {width}px wide, wider than the {viewport}"

    for name, path in [
        ("wall", "/"),
        ("share", "/share/"),
        ("testimony", story.get_absolute_url()),
        ("report", f"/t/{story.public_id}/report/"),
        ("manage", "/manage/"),
        ("resources", "/resources/"),
        ("guidelines", "/guidelines/"),
        ("privacy", "/privacy/"),
        ("safety", "/safety/"),
        ("stats", "/stats/"),
        ("login", "/accounts/login/"),
        ("signup", "/accounts/signup/"),
    ]:
        with step(f"9. screenshots ({viewport}): {path}"):
            page.goto(path)
            shoot(name)

    with step(f"9. screenshots ({viewport}): the wall with a content warning open"):
        page.goto("/")
        page.locator(f"#t-{story.public_id} summary").click()
        shoot("wall-warning-open")

    with step(f"9. screenshots ({viewport}): the share form with errors"):
        page.goto("/share/")
        page.get_by_label("Short statement").check()
        page.get_by_label("Your words").fill("x" * 300)
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("alert")).to_be_visible()
        shoot("share-errors")

    with step(f"9. screenshots ({viewport}): the receipt, and the testimony opened with it"):
        code = share(page, kind="Short statement", body="In the lift at work. Me too.")
        shoot("share-receipt")
        page.goto("/manage/")
        page.get_by_label("Your receipt code").fill(code)
        page.get_by_role("button", name="Open").click()
        shoot("manage-open")

    moderator_page = new_page(viewport=size)
    with step(f"9. screenshots ({viewport}): the two-factor code, then the moderation queue"):
        page = moderator_page
        moderator.enter_password(page)
        shoot("login-code")
        moderator.enter_code(page)
        page.goto("/moderation/")
        shoot("moderation-queue")

    with step(f"9. screenshots ({viewport}): an item with its text revealed"):
        page.get_by_role("button", name="Claim the next item").click()
        page.get_by_text("Show the text").click()
        shoot("moderation-item")

    with step(f"9. screenshots ({viewport}): batch approval and the dashboard"):
        page.goto("/moderation/batch/")
        shoot("moderation-batch")
        page.goto("/moderation/dashboard/")
        shoot("moderation-dashboard")
