"""The author's own reads: a testimony by its receipt code, an account's testimonies, and
how many have said "me too" (the sum the wall's counter keeps, and the thank-you page shows).

Everything else the public reads is in wall.selectors.
"""

from django.db.models import QuerySet, Sum

from . import identifying
from .models import PublishedTotal, Testimony
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


def metoo_count_uncached() -> int:
    """Everyone who has said "me too": bare ones and published testimonies alike.

    A sum over a few rows (PublishedTotal), whatever the number of testimonies. The wall keeps
    it in its cache (wall.selectors.metoo_count); an author who has just said "me too" reads
    it fresh, so the number they are shown counts them.
    """
    return PublishedTotal.objects.aggregate(total=Sum("count"))["total"] or 0


def author_findings(*, testimony: Testimony) -> identifying.Preview | None:
    """What may identify someone in the author's saved words, while a moderator has yet to
    publish them: shown on /manage/, so the author can still take it out."""
    if testimony.kind == Testimony.Kind.METOO or testimony.status == Testimony.Status.PUBLISHED:
        return None
    return identifying.preview(
        title=testimony.title, body=testimony.body, language=testimony.language
    )
