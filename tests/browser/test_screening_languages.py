"""Screening in the author's language, seen in a real browser: a French phone number written
the French way, shared on the French form, is highlighted for the moderator."""

import pytest
from playwright.sync_api import expect

from testimonies.models import Testimony

from .journey import screen, step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

FRENCH = "Il m'envoyait des messages tous les soirs depuis le 06 12 34 56 78. Moi aussi."


def test_a_french_phone_number_shared_in_french_is_highlighted_for_the_moderator(
    new_page, moderator
):
    author = new_page(locale="fr")
    with step("languages: a French author shares a statement with a number, the French way"):
        author.goto("/share/")
        expect(author.locator("#id_language")).to_have_value("fr")
        author.locator('input[name="kind"][value="statement"]').check()
        author.locator("#id_body").fill(FRENCH)
        author.locator("form.share-form button[type=submit]").click()
    with step("languages: the number is marked before sending; the author sends it as it is"):
        expect(author.locator("mark").filter(has_text="06 12 34 56 78")).to_have_count(1)
        author.get_by_role("button", name="Envoyer tel quel").click()
        expect(author.locator(".receipt__code code")).to_be_visible()
    testimony = Testimony.objects.get()
    assert testimony.language == "fr"
    screen(testimony)

    page = new_page()
    with step("languages: the moderator sees the number highlighted, ready to remove"):
        moderator.sign_in(page)
        page.locator('button[data-shortcut="n"]').click()
        finding = page.locator(".reveal__body mark.finding")
        expect(finding).to_have_count(1)
        expect(finding).to_have_text("06 12 34 56 78")
