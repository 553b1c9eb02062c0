"""The author's own reads: a testimony by its receipt code, and an account's testimonies.

Everything the public reads is in wall.selectors.
"""

from django.db.models import QuerySet

from . import identifying
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


def author_findings(*, testimony: Testimony) -> identifying.Preview | None:
    """What may identify someone in the author's saved words, while a moderator has yet to
    publish them: shown on /manage/, so the author can still take it out."""
    if testimony.kind == Testimony.Kind.METOO or testimony.status == Testimony.Status.PUBLISHED:
        return None
    return identifying.preview(
        title=testimony.title, body=testimony.body, language=testimony.language
    )
