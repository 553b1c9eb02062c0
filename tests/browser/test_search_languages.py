"""A reader finds a testimony in her own language in a real browser: stemmed search and the
language filter on the wall."""

import pytest
from playwright.sync_api import expect

from testimonies import services
from testimonies.models import Testimony

from .journey import step

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_rate_limits")]

SPANISH_STORY = (
    "Durante años nadie habló del abuso. Cuando por fin lo conté, me creyeron, "
    "y entendí que no había sido mi culpa."
)


def test_a_spanish_story_shared_in_spanish_is_found_by_a_stemmed_spanish_search(
    new_page, on_postgres
):
    page = new_page(locale="es")

    with step("languages: a Spanish reader shares a story; the form offers Spanish"):
        page.goto("/share/")
        expect(page.locator("#id_language")).to_have_value("es")
        page.locator('input[name="kind"][value="story"]').check()
        page.locator("#id_body").fill(SPANISH_STORY)
        page.locator("form.share-form button[type=submit]").click()
        expect(page.locator(".receipt__code code")).to_be_visible()
    story = Testimony.objects.get()
    assert story.language == "es"
    services.testimony_publish(testimony=story)

    with step("languages: “abusaron” (they abused) finds the story that says “abuso”"):
        page.goto("/")
        page.locator("#wall-q").fill("abusaron")
        page.locator("#wall-language").select_option("es")
        page.locator("form.wall-filters button[type=submit]").click()
        card = page.locator(f"#t-{story.public_id}")
        expect(card).to_be_visible()
        expect(card.locator('.card__body [lang="es"]')).to_contain_text("nadie habló del abuso")

    with step("languages: on the English page, without choosing a language, too"):
        english = new_page(locale="en")
        english.goto("/?q=abusaron")
        expect(english.locator(f"#t-{story.public_id}")).to_be_visible()
        english.goto("/?q=abusaron&language=fr")
        expect(english.locator(f"#t-{story.public_id}")).to_have_count(0)
