"""Every read of testimonies for the public: the wall, one testimony, the counter."""

from django.db.models import QuerySet

from .app_settings import app_settings
from .models import Testimony
from .receipts import receipt_hash


def published_testimonies() -> QuerySet[Testimony]:
    """The only door to public testimonies: published, nothing else."""
    return Testimony.objects.filter(status=Testimony.Status.PUBLISHED)


def wall_latest() -> list[Testimony]:
    """The newest published statements and stories, newest first.

    Bare "me too"s are counted (metoo_count), not listed: they have no words to show.
    """
    return list(
        published_testimonies()
        .exclude(kind=Testimony.Kind.METOO)
        .prefetch_related("topics", "content_warnings")
        .order_by("-published_at", "-id")[: app_settings.WALL_PAGE_SIZE]
    )


def testimony_for_public(*, public_id: str) -> Testimony | None:
    return (
        published_testimonies()
        .prefetch_related("topics", "content_warnings")
        .filter(public_id=public_id)
        .first()
    )


def metoo_count() -> int:
    """Everyone who has said "me too": bare ones and published testimonies alike."""
    return published_testimonies().count()


def testimony_for_receipt(*, code: str) -> Testimony | None:
    """The testimony a receipt code belongs to; every wrong code takes the same path."""
    return (
        Testimony.objects.prefetch_related("topics", "content_warnings")
        .filter(receipt_hash=receipt_hash(code))
        .first()
    )


def author_testimonies(*, user) -> QuerySet[Testimony]:
    """Everything an account has shared except bare "me too"s, newest first."""
    return (
        Testimony.objects.filter(author=user)
        .exclude(kind=Testimony.Kind.METOO)
        .order_by("-created_at")
    )
