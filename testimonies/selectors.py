"""The author's own reads: a testimony by its receipt code, and an account's testimonies.

Everything the public reads is in wall.selectors.
"""

from django.db.models import QuerySet

from .models import Testimony
from .receipts import receipt_hash


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
