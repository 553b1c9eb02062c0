"""Every read of testimonies for the public: the wall, one testimony, the counter, statistics."""

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, transaction
from django.db.models import Count, F, Func, Q, QuerySet, Sum, Value
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from testimonies.models import (
    ContentWarning,
    CrisisResource,
    PublishedTally,
    Testimony,
    Topic,
)
from testimonies.selectors import metoo_count_uncached
from testimonies.text import clean_text

from .app_settings import app_settings
from .caching import cached


def published_testimonies() -> QuerySet[Testimony]:
    """The only door to public testimonies: published, nothing else."""
    return Testimony.objects.filter(status=Testimony.Status.PUBLISHED)


# --- Labels ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    topics: list[Topic]
    warnings: list[ContentWarning]


def labels() -> Labels:
    """Every topic and content warning, in their order: a few rows, kept until one changes."""
    return cached(
        "labels",
        lambda: Labels(
            topics=list(Topic.objects.all()), warnings=list(ContentWarning.objects.all())
        ),
    )


def _attach_labels(testimonies: list[Testimony]) -> list[Testimony]:
    """Give each testimony its topic_list and warning_list, from two queries of id pairs.

    Cheaper than prefetch_related, which builds a model for every link: the labels themselves
    are few and already cached.
    """
    every = labels()
    ids = [testimony.pk for testimony in testimonies]
    for attribute, field, choices in (
        ("topic_list", "topic_id", every.topics),
        ("warning_list", "contentwarning_id", every.warnings),
    ):
        through = (
            Testimony.topics if attribute == "topic_list" else Testimony.content_warnings
        ).through
        linked: dict[int, set[int]] = {}
        for testimony_id, label_id in through.objects.filter(testimony_id__in=ids).values_list(
            "testimony_id", field
        ):
            linked.setdefault(testimony_id, set()).add(label_id)
        for testimony in testimonies:
            chosen = linked.get(testimony.pk, ())
            setattr(testimony, attribute, [label for label in choices if label.pk in chosen])
    return testimonies


# --- The wall ------------------------------------------------------------------------------------


class InvalidQuery(Exception):
    """A wall or API query this site never makes; the message says what to do instead."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Position:
    """Where a page of the wall starts: just after this testimony."""

    published_at: datetime
    pk: int


@dataclass(frozen=True)
class WallQuery:
    kind: str = ""
    topic: str = ""
    # A code of settings.LANGUAGES: testimonies written in it, searched with its stemming.
    language: str = ""
    query: str = ""
    after: Position | None = None
    # The cursor as given, to link back to this page.
    cursor: str = ""

    @classmethod
    def from_params(cls, params) -> "WallQuery":
        """Filters and position from a query string, all checked: anything this site would
        never link to is refused (InvalidQuery), so no cache key is built from it."""
        kind = params.get("kind", "")
        if kind not in ("", Testimony.Kind.STATEMENT, Testimony.Kind.STORY):
            raise InvalidQuery(_("There is no such kind of testimony."))
        topic = params.get("topic", "")
        if topic and topic not in {label.slug for label in labels().topics}:
            raise InvalidQuery(_("There is no such topic."))
        language = params.get("language", "")
        if language and language not in dict(settings.LANGUAGES):
            raise InvalidQuery(_("There is no such language."))
        # Cleaned like any input: a NUL byte would be an error in PostgreSQL.
        query = " ".join(clean_text(params.get("q", "")).split())
        if len(query) > app_settings.QUERY_MAX_LENGTH:
            raise InvalidQuery(
                _("Please search for fewer words (up to %(limit)s characters).")
                % {"limit": app_settings.QUERY_MAX_LENGTH}
            )
        cursor = params.get("cursor", "")
        after = None
        if cursor:
            after = cursor_decode(cursor)
            if after is None:
                raise InvalidQuery(
                    _("This page link is out of date. The newest testimonies are on the wall.")
                )
        return cls(
            kind=kind, topic=topic, language=language, query=query, after=after, cursor=cursor
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.topic or self.language or self.query)

    @property
    def filters(self) -> dict[str, str]:
        """The filters as query-string parameters, the empty ones left out: for links to other
        pages of the same query."""
        every = {"kind": self.kind, "topic": self.topic, "language": self.language}
        every["q"] = self.query
        return {key: value for key, value in every.items() if value}

    @property
    def cache_name(self) -> str:
        """A name for this page made of checked values only: a kind, a known topic slug, a
        language of settings.LANGUAGES, the position of a published testimony (or "first"),
        and a search of bounded length (kept only in each process's bounded "searches" cache:
        wall.caching.cached)."""
        position = (
            f"{self.after.published_at.isoformat()}:{self.after.pk}" if self.after else "first"
        )
        return f"{self.kind}:{self.topic}:{self.language}:{position}:{self.query}"


@dataclass(frozen=True)
class WallPage:
    testimonies: list[Testimony]
    # Opaque: an encrypted (published_at, id), so it reveals neither time nor order.
    next_cursor: str | None


def _fernet() -> Fernet:
    key = salted_hmac("testimonies.wall-cursor", "cursor-key", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def cursor_encode(position: Position) -> str:
    payload = json.dumps([position.published_at.isoformat(), position.pk]).encode()
    return _fernet().encrypt(payload).decode()


def cursor_decode(cursor: str) -> Position | None:
    """The position a cursor stands for, or None for anything that is not one of ours."""
    try:
        at, pk = json.loads(_fernet().decrypt(cursor.encode()))
        return Position(published_at=datetime.fromisoformat(at), pk=int(pk))
    except (InvalidToken, ValueError, TypeError):
        return None


def search_config(language) -> Func:
    """The text-search configuration of a language code (a column or a value): the SQL
    function metoo_ts_config of testimonies' migration 0011, the one place that maps them."""
    return Func(language, function="metoo_ts_config")


def search_vector() -> SearchVector:
    # Exactly the expression of the GIN index in testimonies' migration 0011, so PostgreSQL
    # can use it: each testimony's words stemmed in its own language.
    return SearchVector("title", "body", config=search_config(F("language")))


def _search_query(query: str, language: str) -> SearchQuery:
    return SearchQuery(query, config=search_config(Value(language)), search_type="websearch")


def _search_in_each_language(
    testimonies: QuerySet[Testimony], query: str, language: str
) -> list[QuerySet[Testimony]]:
    """PostgreSQL: the testimonies whose words match the query, one queryset per language
    searched, each testimony read in its own language.

    With a language chosen, the query is stemmed in that language, and only testimonies in
    it are searched ("abusaron" finds "abuso" in Spanish). Without one, the wall shows every
    language, and so does its search: each testimony is matched by the query stemmed in the
    testimony's own language. A Spanish word finds Spanish stories on the English page, and
    the results do not depend on the language of the page.

    One query per language, not one OR: PostgreSQL would recompute to_tsvector for every
    candidate row to settle the OR (0.6 s for a common word in 200,000 rows); each of these
    is answered by the GIN index alone.
    """
    languages = [language] if language else [code for code, _name in settings.LANGUAGES]
    return [
        testimonies.filter(language=code)
        .annotate(search=search_vector())
        .filter(search=_search_query(query, code))
        for code in languages
    ]


# The endings the SQLite fallback takes off a searched word, longest first, so that "Kitchens"
# finds "kitchen" and "harassed" finds "harassment" without PostgreSQL's stemmers.
_FALLBACK_ENDINGS = ("ing", "es", "ed", "s")
_FALLBACK_MIN_STEM = 4


def _fallback_stem(word: str) -> str:
    for ending in _FALLBACK_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _FALLBACK_MIN_STEM:
            return word[: -len(ending)]
    return word


def _search_words(testimonies: QuerySet[Testimony], query: str) -> QuerySet[Testimony]:
    """A simple fallback for SQLite (make run): every word, its common ending taken off,
    somewhere in the title or the text."""
    for word in query.lower().split():
        stem = _fallback_stem(word)
        testimonies = testimonies.filter(Q(title__icontains=stem) | Q(body__icontains=stem))
    return testimonies


def _newest_ids_of_matches(matches: list[QuerySet[Testimony]], limit: int) -> list[int]:
    """The newest ids among full-text matches, found through the GIN index first.

    MATERIALIZED keeps PostgreSQL from walking the whole wall newest-first and testing every
    row instead (30 s for a rare word among a million rows; a fraction of a millisecond so).
    Each language's part takes a fraction of a millisecond through the index: starting
    parallel workers for their union would cost far more (40 ms on a busy two-core machine).
    """
    compiled = [part.values("pk", "published_at").query.sql_with_params() for part in matches]
    union = " UNION ALL ".join(f"({sql})" for sql, _params in compiled)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(
            f"WITH matches AS MATERIALIZED ({union}) "  # noqa: S608 (SQL compiled by the ORM)
            "SELECT pk FROM matches ORDER BY published_at DESC, pk DESC LIMIT %s",
            [*(param for _sql, params in compiled for param in params), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def wall_page(*, query: WallQuery = WallQuery()) -> WallPage:
    """Published statements and stories, newest first, read by keyset: no OFFSET, no COUNT.

    Bare "me too"s are counted (metoo_count), not listed: they have no words to show.
    """
    size = app_settings.PAGE_SIZE
    testimonies = published_testimonies().exclude(kind=Testimony.Kind.METOO)
    if query.kind:
        testimonies = testimonies.filter(kind=query.kind)
    if query.topic:
        testimonies = testimonies.filter(topics__slug=query.topic)
    if query.language:
        testimonies = testimonies.filter(language=query.language)
    if query.after:
        at, pk = query.after.published_at, query.after.pk
        # The plain "<=" lets PostgreSQL start the index scan at the cursor; the "or" then
        # settles ties within one instant.
        testimonies = testimonies.filter(published_at__lte=at).filter(
            Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk)
        )
    if query.query and connection.vendor == "postgresql":
        matches = _search_in_each_language(testimonies, query.query, query.language)
        testimonies = Testimony.objects.filter(pk__in=_newest_ids_of_matches(matches, size + 1))
    elif query.query:
        testimonies = _search_words(testimonies, query.query)
    rows = list(testimonies.order_by("-published_at", "-id")[: size + 1])
    page, more = rows[:size], len(rows) > size
    last = Position(published_at=page[-1].published_at, pk=page[-1].pk) if more else None
    return WallPage(
        testimonies=_attach_labels(page), next_cursor=cursor_encode(last) if last else None
    )


def wall_page_cached(*, query: WallQuery = WallQuery()) -> WallPage:
    """A page of the wall, kept until what the public sees changes."""
    return cached(
        f"wall:{query.cache_name}",
        lambda: wall_page(query=query),
        this_process_only=bool(query.query),
    )


def testimony_for_public(*, public_id: str) -> Testimony | None:
    testimony = published_testimonies().filter(public_id=public_id).first()
    return _attach_labels([testimony])[0] if testimony else None


# --- The counter and the statistics ------------------------------------------------------------


def metoo_count() -> int:
    """Everyone who has said "me too" (see metoo_count_uncached), kept until it changes."""
    return cached("metoo_count", metoo_count_uncached)


def metoo_count_today() -> int:
    """Those of metoo_count published today (UTC): the same count, for one day."""
    today = timezone.now().date()
    return cached(
        f"metoo_count_today:{today}",
        lambda: (
            PublishedTally.objects.filter(day=today).aggregate(total=Sum("count"))["total"] or 0
        ),
    )


@dataclass(frozen=True)
class Statistics:
    totals: dict[str, int]  # by kind
    days: list[tuple[date, dict[str, int]]]  # oldest first, every day of the window
    topics: list[tuple[Topic, int]]


def statistics(*, days: int = 90) -> Statistics:
    """Totals by kind, daily totals of the last ``days`` days, and testimonies by topic.

    The figures are kept for a minute whatever changes (counting by topic reads every link);
    the topics' names and order are the current ones.
    """
    totals, per_day, by_topic = cached(
        f"statistics:{days}", lambda: _statistics(days), follow_changes=False
    )
    return Statistics(
        totals=totals,
        days=per_day,
        topics=[(topic, by_topic.get(topic.pk, 0)) for topic in labels().topics],
    )


def _statistics(days: int) -> tuple[dict[str, int], list, dict[int, int]]:
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
    by_topic = dict(
        Topic.objects.annotate(
            n=Count("testimonies", filter=Q(testimonies__status=Testimony.Status.PUBLISHED))
        ).values_list("pk", "n")
    )
    return totals, sorted(per_day.items()), by_topic


def crisis_resources(*, language: str = "") -> list[CrisisResource]:
    """Every crisis line, those in the reader's language first, then those for any language,
    then the rest, each group in the administrators' order."""
    every = cached("crisis_resources", lambda: list(CrisisResource.objects.all()))

    def group(resource: CrisisResource) -> int:
        if language and resource.language == language:
            return 0
        return 1 if not resource.language else 2

    return sorted(every, key=group)
