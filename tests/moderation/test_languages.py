"""Screening reads a testimony in the language its author chose."""

import pytest
from django.test import override_settings

from moderation import services
from testimonies.models import Testimony
from tests.factories import ModeratorFactory, TestimonyFactory

pytestmark = pytest.mark.django_db

SPANISH = "Me escribía cada noche desde el 600 123 456, aunque le pedí que parara."


def phones_found(testimony: Testimony) -> list[str]:
    screening = services.testimony_screen(testimony_id=testimony.pk)
    return [finding["text"] for finding in screening.findings if finding["kind"] == "phone"]


def test_a_spanish_number_written_the_spanish_way_is_found_in_a_spanish_testimony():
    assert phones_found(TestimonyFactory(body=SPANISH, language="es")) == ["600 123 456"]


def test_the_same_digits_in_a_testimony_marked_english_read_as_an_amount():
    assert phones_found(TestimonyFactory(body=SPANISH, language="en")) == []


def test_a_french_number_in_a_french_testimony_is_found_in_its_title_too():
    testimony = TestimonyFactory(
        kind=Testimony.Kind.STORY,
        title="Le 06 12 34 56 78",
        body="Il m'appelait tous les soirs. Je n'ai jamais répondu.",
        language="fr",
    )
    assert phones_found(testimony) == ["06 12 34 56 78"]


@override_settings(MODERATION_SURGE_MODE=True)
def test_in_surge_mode_an_arabic_statement_naming_someone_still_waits_for_review():
    testimony = TestimonyFactory(body="كان مديري أحمد يضايقني كل يوم", language="ar")
    screening = services.testimony_screen(testimony_id=testimony.pk)
    assert [finding["kind"] for finding in screening.findings] == ["name"]
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PENDING


@override_settings(MODERATION_SURGE_MODE=True)
def test_in_surge_mode_the_same_arabic_statement_without_the_name_is_published():
    testimony = TestimonyFactory(body="كان مديري يضايقني كل يوم", language="ar")
    services.testimony_screen(testimony_id=testimony.pk)
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PUBLISHED


@pytest.fixture
def moderator(client, sign_in_moderator):
    return sign_in_moderator(client, ModeratorFactory())


def test_the_moderator_reads_an_arabic_text_right_to_left_with_its_name_highlighted(
    client, moderator
):
    testimony = TestimonyFactory(body="كان مديري أحمد يضايقني كل يوم", language="ar")
    services.testimony_screen(testimony_id=testimony.pk)
    html = client.post("/moderation/next/", follow=True).content.decode()
    assert 'Written in <span lang="ar">العربية</span>' in html
    assert '<div class="reveal__body" lang="ar" dir="rtl">' in html
    assert "أحمد</mark>" in html
