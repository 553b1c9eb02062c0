"""Journey 8: axe-core finds no WCAG 2.2 A or AA violation on any page, in any state we show."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from testimonies import services
from testimonies.models import Testimony

from .journey import published, screen, share, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

WCAG_A_AND_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}


@pytest.fixture(scope="module")
def axe():
    # Playwright's evaluate() is not bound by the page's Content-Security-Policy, so axe is
    # injected into the real pages, CSP and all: no bypass_csp needed.
    return Axe()


def violations_on(page, axe) -> list[str]:
    """axe's violations on the page as it is, with every <details> opened so that what is
    folded away (content warnings, decision forms, tables) is checked too."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    found = axe.run(page, options=WCAG_A_AND_AA).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(
            f"      {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
            for node in v["nodes"][:5]
        )
        for v in found
    ]


def assert_none(report: dict[str, list[str]]):
    failing = {where: found for where, found in report.items() if found}
    assert not failing, "axe found WCAG A/AA violations:\n" + "\n".join(
        f"  {where}:\n    " + "\n    ".join(found) for where, found in failing.items()
    )


def test_every_public_page_and_state_has_no_wcag_violation(page, axe):
    story = published(
        Testimony.Kind.STORY,
        "It happened on a school trip in the second year. " * 10,
        title="The school trip",
        topics=["school"],
        warnings=["harassment", "sexual-assault"],
    )
    published(Testimony.Kind.STATEMENT, "At 14, at 19, at 30. Me too.", topics=["workplace"])
    published(Testimony.Kind.METOO, "")
    report = {}

    pages = [
        "/",
        "/?topic=school",
        "/share/",
        story.get_absolute_url(),
        f"/t/{story.public_id}/report/",
        "/manage/",
        "/resources/",
        "/guidelines/",
        "/privacy/",
        "/safety/",
        "/stats/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    for path in pages:
        with step(f"8. accessibility: {path}"):
            response = page.goto(path)
            assert response.ok, f"{path} answered {response.status}"
            report[path] = violations_on(page, axe)

    with step("8. accessibility: /share/ with its errors shown"):
        page.goto("/share/")
        page.get_by_label("Short statement").check()
        page.get_by_label("Title (optional, stories only)").fill("A title")
        page.get_by_label("Your words").fill("x" * 300)
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("alert")).to_be_visible()
        report["/share/ with errors"] = violations_on(page, axe)

    with step("8. accessibility: the wall with the answer to a reaction beside its buttons"):
        page.goto("/")
        page.get_by_role("button", name="I believe you").first.click()
        expect(page.locator(".reactions__answer")).to_be_visible()
        report["/ after a reaction"] = violations_on(page, axe)

    with step("8. accessibility: the thank-you for a one-tap “me too”"):
        page.get_by_role("button", name="Say “me too”").click()
        expect(page.locator(".wave")).to_be_visible()
        report["/share/ sent, a “me too”"] = violations_on(page, axe)

    with step("8. accessibility: the confirmation with the receipt code"):
        code = share(page, kind="Longer story", title="After school", body="It was after school.")
        report["/share/ sent, with the receipt"] = violations_on(page, axe)

    with step("8. accessibility: /manage/ with a wrong code"):
        page.goto("/manage/")
        page.get_by_label("Your receipt code").fill("not a code at all")
        page.get_by_role("button", name="Open").click()
        expect(page.get_by_role("alert")).to_be_visible()
        report["/manage/ with a wrong code"] = violations_on(page, axe)

    with step("8. accessibility: /manage/ with a testimony open"):
        page.goto("/manage/")
        page.get_by_label("Your receipt code").fill(code)
        page.get_by_role("button", name="Open").click()
        expect(page.get_by_role("heading", name="Status: Waiting for review")).to_be_visible()
        report["/manage/ with a testimony open"] = violations_on(page, axe)

    assert_none(report)


def test_the_moderation_pages_have_no_wcag_violation(page, axe, moderator):
    for body in (
        "My coach Mr Miller told me to stay after practice. Write to me at a@example.org.",
        "At 12. Me too.",
    ):
        screen(services.testimony_submit(kind=Testimony.Kind.STATEMENT, body=body).testimony)
    report = {}

    with step("8. accessibility: the two-factor sign-in"):
        moderator.enter_password(page)
        report["/accounts/2fa/authenticate/"] = violations_on(page, axe)
        moderator.enter_code(page)

    with step("8. accessibility: the moderation queue"):
        page.goto("/moderation/")
        report["/moderation/"] = violations_on(page, axe)

    with step("8. accessibility: an item, claimed, with its findings highlighted"):
        page.get_by_role("button", name="Claim the next item").click()
        # Opened, so the forms to replace each finding and the box to confirm are checked too.
        page.get_by_text("Show the text").click()
        expect(page.locator(".reveal__body mark.finding")).to_have_count(2)
        report["/moderation/item/ (claimed)"] = violations_on(page, axe)

    with step("8. accessibility: the item again, asking to confirm what screening marked"):
        page.get_by_role("button", name="Approve as it is").click()
        expect(page.get_by_label(re.compile("^I have read the text"))).to_be_focused()
        report["/moderation/item/ (confirm)"] = violations_on(page, axe)

    with step("8. accessibility: batch approval and the dashboard"):
        page.goto("/moderation/batch/")
        report["/moderation/batch/"] = violations_on(page, axe)
        page.goto("/moderation/dashboard/")
        report["/moderation/dashboard/"] = violations_on(page, axe)

    assert_none(report)


# The label of each field, and the form of the field it is tied to, where the two differ.
LABELS_TIED_TO_ANOTHER_FORM = """() => [...document.querySelectorAll("form label")]
  .filter(label => label.control && label.control.form !== label.closest("form"))
  .map(label => label.textContent.trim() + " -> " + label.control.form.action)"""


def test_each_label_on_an_item_page_names_a_field_of_its_own_form(page, moderator):
    screen(services.testimony_submit(kind=Testimony.Kind.STATEMENT, body="At 12.").testimony)
    moderator.sign_in(page)
    page.get_by_role("button", name="Claim the next item").click()
    with step("8. accessibility: every label on the item page belongs to its own form"):
        expect(page.get_by_role("heading", name="Decide")).to_be_visible()
        misplaced = page.evaluate(LABELS_TIED_TO_ANOTHER_FORM)
        assert not misplaced, "labels tied to a field of another form:\n" + "\n".join(misplaced)
