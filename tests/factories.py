"""Test data: testimonies in every state, through factory_boy."""

import factory
from django.utils import timezone

from testimonies.models import Testimony


class TestimonyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Testimony

    kind = Testimony.Kind.STATEMENT
    body = factory.Faker("sentence", nb_words=12)
    status = Testimony.Status.PENDING
    # As testimony_submit leaves it: a pending text waits for screening.
    screening_requested_at = factory.LazyAttribute(
        lambda t: (
            timezone.now()
            if t.status == Testimony.Status.PENDING and t.kind != Testimony.Kind.METOO
            else None
        )
    )

    class Params:
        published = factory.Trait(
            status=Testimony.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            published_on=factory.LazyFunction(lambda: timezone.now().date()),
        )
        story = factory.Trait(
            kind=Testimony.Kind.STORY,
            title=factory.Faker("sentence", nb_words=5),
            body=factory.Faker("paragraph", nb_sentences=12),
        )
        metoo = factory.Trait(kind=Testimony.Kind.METOO, body="", title="")


class ModeratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"moderator{n}")

    @factory.post_generation
    def in_moderators_group(user, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create:
            user.groups.add(Group.objects.get_or_create(name="Moderators")[0])


class ScreeningFactory(factory.django.DjangoModelFactory):
    """A screening of the testimony as it is now: nothing found unless findings are given."""

    class Meta:
        model = "moderation.Screening"

    testimony = factory.SubFactory(TestimonyFactory)
    findings = factory.LazyFunction(list)
    risk_score = 0.0
    testimony_version = factory.LazyAttribute(lambda screening: screening.testimony.version)


class QueueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "moderation.QueueItem"
        skip_postgeneration_save = True

    testimony = factory.SubFactory(TestimonyFactory)
    reason = "new"
    priority = factory.LazyAttribute(lambda item: {"escalation": 0, "new": 20}.get(item.reason, 10))

    @factory.post_generation
    def screened(item, create, extracted, **kwargs):
        """screened=True: screening ran and found nothing; screened=[finding, ...]: it found
        those. Left out, the testimony was never screened."""
        if create and extracted is not None and extracted is not False:
            findings = [] if extracted is True else extracted
            ScreeningFactory(testimony=item.testimony, findings=findings)
