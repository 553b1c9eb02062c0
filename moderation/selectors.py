"""Moderation reads: the queue's lists, one item for review, what the dashboard shows."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from statistics import median

from django.db.models import Count, F, Min, QuerySet
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext, gettext_lazy

from testimonies.models import Testimony
from wall import charts

from . import replacements
from .app_settings import app_settings
from .detectors.risk import HINT_BELOW
from .models import AuditEntry, QueueItem


def screening_overdue(*, older_than: timedelta) -> QuerySet[Testimony]:
    """Testimonies whose request for screening (a submission, an edit, an appeal) has waited
    longer than ``older_than``, oldest first."""
    return Testimony.objects.filter(
        screening_requested_at__lt=timezone.now() - older_than
    ).order_by("screening_requested_at")


def open_items(*, reason: str | None = None) -> QuerySet[QueueItem]:
    """Open queue items in the order "claim next" hands them out, with what the queue's cards
    show: the screening (findings and risk) and the content warnings."""
    items = QueueItem.objects.filter(is_open=True).order_by("priority", "created_at", "id")
    if reason:
        items = items.filter(reason=reason)
    return items.select_related("testimony__screening", "claimed_by").prefetch_related(
        "testimony__content_warnings"
    )


def queue_sizes() -> dict[str, int]:
    """How many open items wait in each list, every list named even when empty."""
    counts = dict(
        QueueItem.objects.filter(is_open=True)
        .values_list("reason")
        .annotate(n=Count("id"))
        .values_list("reason", "n")
    )
    return {reason: counts.get(reason, 0) for reason in QueueItem.Reason.values}


def batch_candidates() -> list[QueueItem]:
    """New short statements nobody holds and screening found nothing in, oldest first: the
    batch-approval page. Anything screening marked is reviewed on its own page."""
    now = timezone.now()
    return list(
        open_items(reason=QueueItem.Reason.NEW)
        .filter(
            testimony__kind=Testimony.Kind.STATEMENT,
            testimony__screening__findings=[],
            testimony__screening__testimony_version=F("testimony__version"),
        )
        .exclude(lease_expires_at__gt=now)[: app_settings.BATCH_APPROVE_LIMIT]
    )


# What each kind of finding tells a moderator, shown on the highlighted words.
FINDING_LABELS = {
    "name": gettext_lazy("a private name"),
    "email": gettext_lazy("an email address"),
    "phone": gettext_lazy("a phone number"),
    "address": gettext_lazy("a street address"),
    "place": gettext_lazy("a town or city"),
    "workplace": gettext_lazy("a workplace, school, church or club"),
    "handle": gettext_lazy("a social media account"),
    "link": gettext_lazy("a link"),
    "public": gettext_lazy("names a public person"),
    "banned": gettext_lazy("a banned word"),
    "suspect": gettext_lazy("a word to check"),
}


@dataclass(frozen=True)
class Segment:
    """A piece of a text for display: plain, or a finding that can be redacted."""

    text: str
    finding: dict | None = None

    @property
    def label(self) -> str:
        """What the finding is, for the moderator; "(hint)" when screening is unsure."""
        kind = self.finding["kind"]
        label = str(FINDING_LABELS.get(kind, kind))
        if self.hint:
            return gettext("%(label)s (hint)") % {"label": label}
        return label

    @property
    def hint(self) -> bool:
        """Screening is unsure: shown, but not counted in the risk score."""
        return self.finding.get("confidence", 1.0) < HINT_BELOW

    @property
    def public(self) -> bool:
        """A public figure: nothing to remove."""
        return self.finding["kind"] == "public"


def highlighted(text: str, findings: list[dict], *, field: str) -> list[Segment]:
    """Split a text into plain pieces and findings; overlapping findings keep the first."""
    segments, cursor = [], 0
    for finding in sorted(
        (f for f in findings if f.get("field") == field and f["kind"] != "duplicate"),
        key=lambda f: (f["start"], -f["end"]),
    ):
        start, end = finding["start"], finding["end"]
        if start < cursor or end > len(text) or text[start:end] != finding["text"]:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], finding))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


@dataclass(frozen=True)
class Redaction:
    """A finding the moderator may replace, with the words to choose from."""

    segment: Segment
    choices: list

    @property
    def finding(self) -> dict:
        return self.segment.finding


def redactions(segments: list[Segment], *, language: str) -> list[Redaction]:
    """The findings of the highlighted segments that can be replaced (not public figures),
    each with the replacements for its kind in the testimony's language."""
    return [
        Redaction(segment, replacements.choices(kind=segment.finding["kind"], language=language))
        for segment in segments
        if segment.finding and not segment.public
    ]


# --- Dashboard -------------------------------------------------------------------------------

DECISIONS = [AuditEntry.Action.APPROVE, AuditEntry.Action.APPROVE_EDITED, AuditEntry.Action.REJECT]
# The median is taken over the latest closings only, so a surge week cannot make the page slow.
MEDIAN_SAMPLE = 5000


def oldest_waiting(*, now: datetime) -> timedelta | None:
    """How long the open item that has waited longest has been waiting."""
    since = QueueItem.objects.filter(is_open=True).aggregate(since=Min("created_at"))["since"]
    return now - since if since else None


def decisions_per_hour(*, now: datetime) -> list[tuple[datetime, int]]:
    """Decisions in each of the last 24 hours, the current one included, oldest first."""
    # Hours are cut in UTC, in SQL and here alike, so the two always line up.
    current_hour = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    hours = [current_hour - timedelta(hours=back) for back in range(23, -1, -1)]
    counts = dict(
        AuditEntry.objects.filter(action__in=DECISIONS, created_at__gte=hours[0])
        .order_by()
        .annotate(hour=TruncHour("created_at", tzinfo=UTC))
        .values_list("hour")
        .annotate(n=Count("id"))
        .values_list("hour", "n")
    )
    return [(hour, counts.get(hour, 0)) for hour in hours]


def median_time_to_decision(*, now: datetime) -> timedelta | None:
    """The median wait from entering the queue to leaving it, over the last 7 days' closings."""
    waits = [
        closed_at - created_at
        for created_at, closed_at in QueueItem.objects.filter(
            is_open=False, closed_at__gte=now - timedelta(days=7)
        )
        .order_by("-closed_at")
        .values_list("created_at", "closed_at")[:MEDIAN_SAMPLE]
    ]
    return median(waits) if waits else None


def _in_words(wait: timedelta | None) -> str | None:
    """A wait as people say it ("3 hours, 5 minutes"), in the page's language."""
    if wait is None:
        return None
    if wait < timedelta(minutes=1):
        return gettext("less than a minute")
    now = timezone.now()
    return timesince(now - wait, now, depth=2)


def dashboard_figures() -> dict:
    """Everything the dashboard shows, computed on the server, charts included."""
    now = timezone.now()
    sizes = queue_sizes()
    per_hour = decisions_per_hour(now=now)
    waiting = oldest_waiting(now=now)
    median_wait = median_time_to_decision(now=now)
    return {
        "sizes": sizes,
        "oldest_waiting": waiting,
        "oldest_waiting_text": _in_words(waiting),
        "decisions_per_hour": per_hour,
        "median_time_to_decision": median_wait,
        "median_time_to_decision_text": _in_words(median_wait),
        "sizes_chart": charts.bar_chart(
            [(QueueItem.Reason(reason).label, count) for reason, count in sizes.items()],
            height=160,
        ),
        # 24 labels would collide: every third hour is written under its bar.
        "decisions_chart": charts.bar_chart(
            [(f"{timezone.localtime(hour):%H:%M}", count) for hour, count in per_hour],
            label_every=3,
        ),
    }
