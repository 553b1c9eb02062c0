"""Every read of testimonies for the public: the wall, one testimony, the counter, statistics."""

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .app_settings import app_settings
from .caching import cached
from .models import CrisisResource, PublishedTally, PublishedTotal, Testimony, Topic
from .receipts import receipt_hash
from .text import clean_text


def published_testimonies() -> QuerySet[Testimony]:
    """The only door to public testimonies: published, nothing else."""
    return Testimony.objects.filter(status=Testimony.Status.PUBLISHED)


# --- The wall ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WallFilters:
    kind: str = ""
    topic: str = ""
    query: str = ""

    @classmethod
    def from_query(cls, params) -> "WallFilters":
        """Filters from a query string; anything unknown is ignored, never an error."""
        if not params:
            return cls()
        kind = params.get("kind", "")
        # Cleaned like any input: a NUL byte would be an error in PostgreSQL.
        query = " ".join(clean_text(params.get("q", "")).split())[:200]
        return cls(
            kind=kind if kind in (Testimony.Kind.STATEMENT, Testimony.Kind.STORY) else "",
            topic=clean_text(params.get("topic", ""))[:40],
            query=query,
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.topic or self.query)


@dataclass(frozen=True)
class WallPage:
    testimonies: list[Testimony]
    # Opaque: an encrypted (published_at, id), so it reveals neither time nor order.
    next_cursor: str | None


def _fernet() -> Fernet:
    key = salted_hmac("testimonies.wall-cursor", "cursor-key", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def cursor_encode(published_at: datetime, pk: int) -> str:
    payload = json.dumps([published_at.isoformat(), pk]).encode()
    return _fernet().encrypt(payload).decode()


def cursor_decode(cursor: str) -> tuple[datetime, int] | None:
    """The position a cursor stands for, or None for anything that is not one of ours."""
    try:
        at, pk = json.loads(_fernet().decrypt(cursor.encode()))
        return datetime.fromisoformat(at), int(pk)
    except (InvalidToken, ValueError, TypeError):
        return None


def search_vector() -> SearchVector:
    # Exactly the expression of the GIN index in migration 0005, so PostgreSQL can use it.
    return SearchVector("title", "body", config="english")


def _search(testimonies: QuerySet[Testimony], query: str) -> QuerySet[Testimony]:
    if connection.vendor == "postgresql":
        return testimonies.annotate(search=search_vector()).filter(
            search=SearchQuery(query, config="english", search_type="websearch")
        )
    # A simple fallback for SQLite: every word somewhere in the title or the text.
    for word in query.split():
        testimonies = testimonies.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return testimonies


def _newest_ids_of_matches(matches: QuerySet[Testimony], limit: int) -> list[int]:
    """The newest ids among full-text matches, found through the GIN index first.

    MATERIALIZED keeps PostgreSQL from walking the whole wall newest-first and testing every
    row instead (30 s for a rare word among a million rows; a fraction of a millisecond so).
    """
    sql, params = matches.values("pk", "published_at").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matches AS MATERIALIZED ({sql}) "  # noqa: S608 (SQL compiled by the ORM)
            "SELECT pk FROM matches ORDER BY published_at DESC, pk DESC LIMIT %s",
            [*params, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def wall_page(*, filters: WallFilters = WallFilters(), cursor: str | None = None) -> WallPage:
    """Published statements and stories, newest first, read by keyset: no OFFSET, no COUNT.

    Bare "me too"s are counted (metoo_count), not listed: they have no words to show.
    """
    size = app_settings.WALL_PAGE_SIZE
    testimonies = published_testimonies().exclude(kind=Testimony.Kind.METOO)
    if filters.kind:
        testimonies = testimonies.filter(kind=filters.kind)
    if filters.topic:
        testimonies = testimonies.filter(topics__slug=filters.topic)
    if filters.query:
        testimonies = _search(testimonies, filters.query)
    position = cursor_decode(cursor) if cursor else None
    if position:
        at, pk = position
        # The plain "<=" lets PostgreSQL start the index scan at the cursor; the "or" then
        # settles ties within one instant.
        testimonies = testimonies.filter(published_at__lte=at).filter(
            Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk)
        )
    if filters.query and connection.vendor == "postgresql":
        testimonies = Testimony.objects.filter(pk__in=_newest_ids_of_matches(testimonies, size + 1))
    rows = list(
        testimonies.prefetch_related("topics", "content_warnings").order_by("-published_at", "-id")[
            : size + 1
        ]
    )
    page, more = rows[:size], len(rows) > size
    return WallPage(
        testimonies=page,
        next_cursor=cursor_encode(page[-1].published_at, page[-1].pk) if more else None,
    )


def wall_first_page(*, filters: WallFilters = WallFilters()) -> WallPage:
    """The first page, cached until something is published or leaves the wall."""
    if filters.query:
        return wall_page(filters=filters)
    page = cached(f"wall:{filters.kind}:{filters.topic}", lambda: wall_page(filters=filters))
    return _with_current_reactions(page)


def _with_current_reactions(page: WallPage) -> WallPage:
    """The cached page with its reaction counts read now, by primary key: a reader who sends
    support sees it counted at once, without the wall being recomputed for every reaction."""
    fields = ("believe_count", "metoo_count", "strength_count")
    counts = {
        row[0]: row[1:]
        for row in Testimony.objects.filter(pk__in=[t.pk for t in page.testimonies]).values_list(
            "pk", *fields
        )
    }
    for testimony in page.testimonies:
        for field, value in zip(fields, counts.get(testimony.pk, ()), strict=False):
            setattr(testimony, field, value)
    return page


def testimony_for_public(*, public_id: str) -> Testimony | None:
    return (
        published_testimonies()
        .prefetch_related("topics", "content_warnings")
        .filter(public_id=public_id)
        .first()
    )


# --- The counter and the statistics ------------------------------------------------------------


def metoo_count_uncached() -> int:
    """Everyone who has said "me too": bare ones and published testimonies alike.

    A sum over a few rows (PublishedTotal), whatever the number of testimonies.
    """
    return PublishedTotal.objects.aggregate(total=Sum("count"))["total"] or 0


def metoo_count() -> int:
    return cached("metoo_count", metoo_count_uncached)


def metoo_count_today() -> int:
    """Bare "me too"s published today (UTC)."""
    today = timezone.now().date()
    return cached(
        f"metoo_today:{today}",
        lambda: (
            PublishedTally.objects.filter(day=today, kind=Testimony.Kind.METOO).aggregate(
                total=Sum("count")
            )["total"]
            or 0
        ),
    )


@dataclass(frozen=True)
class Statistics:
    totals: dict[str, int]  # by kind
    days: list[tuple[date, dict[str, int]]]  # oldest first, every day of the window
    topics: list[tuple[Topic, int]]


def statistics(*, days: int = 90) -> Statistics:
    """Totals by kind, daily totals of the last ``days`` days, and testimonies by topic."""
    return cached(f"statistics:{days}", lambda: _statistics(days), follow_changes=False)


def _statistics(days: int) -> Statistics:
    totals = {kind: 0 for kind in Testimony.Kind.values}
    for row in PublishedTally.objects.values("kind").annotate(n=Sum("count")):
        totals[row["kind"]] = row["n"]
    today = timezone.now().date()
    start = today - timedelta(days=days - 1)
    per_day = {
        start + timedelta(days=i): dict.fromkeys(Testimony.Kind.values, 0) for i in range(days)
    }
    for row in (
        PublishedTally.objects.filter(day__gte=start).values("day", "kind").annotate(n=Sum("count"))
    ):
        per_day[row["day"]][row["kind"]] = row["n"]
    topic_counts = Topic.objects.annotate(
        n=Count("testimonies", filter=Q(testimonies__status=Testimony.Status.PUBLISHED))
    )
    return Statistics(
        totals=totals,
        days=sorted(per_day.items()),
        topics=[(topic, topic.n) for topic in topic_counts],
    )


def crisis_resources() -> list[CrisisResource]:
    return list(CrisisResource.objects.all())


# --- The author's own testimonies --------------------------------------------------------------


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
