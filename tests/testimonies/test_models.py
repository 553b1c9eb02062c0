import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from testimonies.models import Testimony
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db


def test_public_ids_are_random_not_sequential():
    ids = [TestimonyFactory().public_id for _ in range(20)]
    assert len(set(ids)) == 20
    assert ids != sorted(ids)
    assert all(len(public_id) == 12 for public_id in ids)


def test_public_id_does_not_contain_the_internal_id():
    testimony = TestimonyFactory()
    assert str(testimony.pk) != testimony.public_id


def test_a_statement_over_280_characters_is_refused_with_its_length():
    testimony = Testimony(kind="statement", body="x" * 281)
    with pytest.raises(ValidationError) as error:
        testimony.full_clean()
    assert "281" in str(error.value.message_dict["body"])


def test_a_story_may_be_20000_characters_but_not_more():
    Testimony(kind="story", body="x" * 20_000).full_clean()
    with pytest.raises(ValidationError):
        Testimony(kind="story", body="x" * 20_001).full_clean()


def test_a_metoo_with_words_is_refused():
    with pytest.raises(ValidationError):
        Testimony(kind="metoo", body="words").full_clean()


def test_the_database_refuses_a_metoo_with_text_even_past_validation():
    with pytest.raises(IntegrityError):
        Testimony.objects.create(kind="metoo", body="bypassing the form")


def test_the_database_refuses_a_published_testimony_without_a_date():
    with pytest.raises(IntegrityError):
        Testimony.objects.create(kind="statement", body="x", status="published")


@pytest.mark.parametrize("field", ["public_id", "receipt_hash"])
def test_the_database_refuses_a_second_testimony_with_the_same_random_key(field):
    """Public ids and receipt hashes are random and never checked before saving: a clash,
    however unlikely, must be refused by the database, not stored twice."""
    first = TestimonyFactory(receipt_hash="a" * 64)
    with pytest.raises(IntegrityError):
        TestimonyFactory(**{field: getattr(first, field)})


def test_testimonies_without_a_receipt_are_not_a_clash():
    TestimonyFactory(receipt_hash=None)
    TestimonyFactory(receipt_hash=None)
    assert Testimony.objects.filter(receipt_hash=None).count() == 2
