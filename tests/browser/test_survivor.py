"""Journeys 1 and 2: a survivor shares, keeps a receipt or an account, and stays in control."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from moderation import services as moderation_services
from testimonies.models import Testimony
from tests.factories import ModeratorFactory

from .journey import open_with_receipt, screen, share, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]


def test_a_survivor_shares_then_checks_edits_appeals_and_withdraws_with_the_receipt(page):
    with step("1. survivor: says “me too” in one tap, with no words"):
        page.goto("/")
        page.get_by_role("button", name="Say “me too”").click()
        expect(page.get_by_text("Your “me too” has been counted on the wall.")).to_be_visible()
        expect(page.locator(".receipt__code")).to_have_count(0)
        page.goto("/")
        expect(page.locator(".counter__number")).to_have_text("1")

    with step("1. survivor: posts a statement with a content warning and a topic"):
        statement_code = share(
            page,
            kind="Short statement",
            body="At 14, at 19, at 30. Me too.",
            warnings=("Harassment",),
            topics=("Workplace", "Public place or transport"),
        )
        assert statement_code, "no receipt code was shown for the statement"
        assert len(statement_code.split()) == 10, f"not a ten-word code: {statement_code!r}"
        statement = Testimony.objects.get(kind=Testimony.Kind.STATEMENT)
        assert statement.status == Testimony.Status.PENDING
        assert [w.name for w in statement.content_warnings.all()] == ["Harassment"]
        assert {t.name for t in statement.topics.all()} == {
            "Workplace",
            "Public place or transport",
        }

    with step("1. survivor: posts a story with a title, content warnings and a topic"):
        story_code = share(
            page,
            kind="Longer story",
            title="The summer I stopped going to practice",
            body="It started with comments after training. " * 20,
            warnings=("Sexual assault", "Physical violence"),
            topics=("Sport",),
        )
        assert story_code and story_code != statement_code
        story = Testimony.objects.get(kind=Testimony.Kind.STORY)
        assert story.title == "The summer I stopped going to practice"
        assert story.content_warnings.count() == 2

    with step("1. survivor: later checks the status with the receipt code"):
        open_with_receipt(page, story_code)
        expect(page.get_by_role("heading", name="Status: Waiting for review")).to_be_visible()
        expect(page.get_by_label("Your words")).to_have_value(story.body)

    with step("1. survivor: edits the story, which goes back to review"):
        page.get_by_label("Your words").fill("It started with comments after training, every week.")
        page.get_by_role("button", name="Save and send for review").click()
        expect(page.get_by_text("Saved. Your changes will be read by a moderator.")).to_be_visible()
        story.refresh_from_db()
        assert story.body == "It started with comments after training, every week."
        assert story.status == Testimony.Status.PENDING

    with step("1. a moderator rejects the story (services, as the queue would)"):
        item = screen(story)
        story.refresh_from_db()
        moderation_services.decision_reject(
            item_id=item.pk,
            moderator=ModeratorFactory(),
            version=story.version,
            reason="other",
            note="Please take out the name of the club.",
        )

    with step("1. survivor: reads the reason and the note with the receipt code"):
        open_with_receipt(page, story_code)
        expect(page.get_by_role("heading", name="Status: Not published")).to_be_visible()
        expect(
            page.get_by_text("It was not published, for the reason the moderator gives below.")
        ).to_be_visible()
        expect(page.get_by_text("Please take out the name of the club.")).to_be_visible()

    with step("1. survivor: appeals the rejection"):
        page.get_by_label("Why should it be looked at again? (optional)").fill(
            "There is no name in it any more."
        )
        page.get_by_role("button", name="Send the appeal").click()
        expect(
            page.get_by_text("Your appeal was sent. A moderator will look again.")
        ).to_be_visible()
        expect(
            page.get_by_text("You appealed; a moderator is looking at it again.")
        ).to_be_visible()
        expect(page.get_by_role("button", name="Send the appeal")).to_have_count(0)
        story.refresh_from_db()
        assert story.appealed_at is not None
        assert story.appeal_note == "There is no name in it any more."

    with step("1. survivor: withdraws the story for good"):
        page.get_by_label("I understand that my words will be deleted for good").check()
        page.get_by_role("button", name="Delete my testimony").click()
        expect(page.get_by_role("heading", name="Your testimony has been deleted")).to_be_visible()
        assert not Testimony.objects.filter(pk=story.pk).exists()

    with step("1. survivor: the code of the withdrawn story opens nothing any more"):
        page.goto("/manage/")
        page.get_by_label("Your receipt code").fill(story_code)
        page.get_by_role("button", name="Open").click()
        expect(page.get_by_role("alert")).to_contain_text("We could not find a testimony")

    with step("1. survivor: the statement's code still opens the statement"):
        open_with_receipt(page, statement_code)
        expect(page.get_by_label("Your words")).to_have_value("At 14, at 19, at 30. Me too.")


def test_a_survivor_with_a_pseudonymous_account_shares_lists_and_deletes_everything(page):
    with step("2. survivor: signs up with a username and a password, no email"):
        page.goto("/accounts/signup/")
        page.get_by_label("Username").fill("quiet-harbour")
        page.get_by_label("Password:", exact=True).fill("a long and private passphrase")
        page.get_by_label("Password (again)").fill("a long and private passphrase")
        page.get_by_role("button", name="Sign Up").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        user = get_user_model().objects.get(username="quiet-harbour")
        assert not user.email

    with step("2. survivor: posts a statement while signed in"):
        share(page, kind="Short statement", body="At work, for two years. Me too.")
        assert Testimony.objects.get().author == user

    with step("2. survivor: sees it under “My testimonies”"):
        page.get_by_role("link", name="My testimonies").click()
        expect(page).to_have_url(re.compile(r"/accounts/testimonies/$"))
        expect(page.get_by_role("heading", name="My testimonies")).to_be_visible()
        expect(page.get_by_text("At work, for two years. Me too.")).to_be_visible()
        expect(page.get_by_text("Short statement · Waiting for review")).to_be_visible()

    with step("2. survivor: opens it from the list, without a receipt code"):
        page.get_by_role("link", name="See, change or delete").click()
        expect(page.get_by_label("Your words")).to_have_value("At work, for two years. Me too.")

    with step("2. survivor: deletes the account and everything in it"):
        page.goto("/accounts/testimonies/")
        page.get_by_role("link", name="Delete your account").click()
        page.get_by_label("Delete everything I shared, published or not.").check()
        page.get_by_label("Delete my account. This cannot be undone.").check()
        page.get_by_role("button", name="Delete my account").click()
        expect(page.get_by_role("heading", name="Your account has been deleted")).to_be_visible()
        expect(page.get_by_role("link", name="Sign in")).to_be_visible()
        assert not get_user_model().objects.filter(username="quiet-harbour").exists()
        assert not Testimony.objects.exists()
