import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q, Sum

from testimonies.management.commands.generate_testimonies import RARE_ROWS, RARE_WORD
from testimonies.models import PublishedTally, Testimony

pytestmark = pytest.mark.django_db

# An email address, or a run of digits long enough to be a phone number.
CONTACT_DETAILS = re.compile(r"@|\d{6,}")


def generate(count: int, *args: str) -> None:
    call_command("generate_testimonies", count, "--force", *args, verbosity=0, stdout=StringIO())


def test_generating_200_publishes_200_testimonies_and_the_counter_agrees():
    generate(200, "--seed", "1", "--batch", "64")
    published = Testimony.objects.filter(status=Testimony.Status.PUBLISHED).count()
    assert Testimony.objects.count() == published == 200
    assert PublishedTally.objects.aggregate(total=Sum("count"))["total"] == 200


def test_generated_testimonies_are_dated_by_day_and_carry_topics():
    generate(200, "--seed", "2")
    for testimony in Testimony.objects.all():
        assert testimony.published_on == testimony.published_at.date()
    assert Testimony.topics.through.objects.exists()
    assert Testimony.objects.filter(kind=Testimony.Kind.STORY).exists()


def test_no_generated_text_contains_an_email_or_a_phone_number():
    generate(200, "--seed", "3")
    for title, body in Testimony.objects.values_list("title", "body"):
        assert not CONTACT_DETAILS.search(f"{title} {body}")


def test_the_rare_word_is_in_only_a_handful_of_testimonies():
    generate(200, "--seed", "4")
    with_word = Testimony.objects.filter(
        Q(body__icontains=RARE_WORD) | Q(title__icontains=RARE_WORD)
    )
    assert with_word.count() == RARE_ROWS


def test_it_refuses_a_database_that_is_not_named_bench():
    with pytest.raises(CommandError, match="not a bench database"):
        call_command("generate_testimonies", 10, verbosity=0)
    assert not Testimony.objects.exists()
