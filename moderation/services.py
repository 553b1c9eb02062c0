"""Moderation writes: screening, the queue and its claims, decisions, reports, the audit log."""

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import import_module

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from testimonies import services as testimony_services
from testimonies.models import ContentWarning, Testimony
from testimonies.text import clean_text

from . import replacements
from .app_settings import app_settings
from .detectors import duplicates, find_all
from .detectors.risk import risk_score
from .models import AuditEntry, QueueItem, Report, Screening, WatchWord

logger = logging.getLogger(__name__)


class DecisionRefused(Exception):
    """A decision that must not be applied; the message says why, for the moderator."""


class FindingsUnconfirmed(DecisionRefused):
    """An approval of a text in which screening found something, without the moderator's
    confirmation that they read it and that what was marked may be published."""

    def __init__(self, findings: list[dict]):
        self.findings = findings
        super().__init__(
            _(
                "Screening marked details in this text. Nothing was published: read the text, "
                "then tick the box to confirm that what is marked may be published, or remove it."
            )
        )


class EditInvalid(DecisionRefused):
    """An edit or redaction that would break the kind's rules (e.g. a statement over 280
    characters once a placeholder is in): nothing was applied."""


def _revise(testimony: Testimony, **changes) -> bool:
    try:
        return testimony_services.testimony_revise(testimony=testimony, **changes)
    except ValidationError as invalid:
        raise EditInvalid(
            _("Nothing was changed: %(reasons)s") % {"reasons": " ".join(invalid.messages)}
        ) from invalid


# --- Screening -------------------------------------------------------------------------------


@cache
def _detector_modules(paths: tuple[str, ...]):
    return [import_module(path) for path in paths]


def _signed64(value: int) -> int:
    """A 64-bit fingerprint as PostgreSQL's signed bigint holds it."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _recent_fingerprints(*, exclude: Testimony) -> list[int]:
    since = timezone.now() - app_settings.DUPLICATE_WINDOW
    return list(
        Screening.objects.filter(fingerprint__isnull=False, screened_at__gte=since)
        .exclude(testimony=exclude)
        .order_by("-screened_at")
        .values_list("fingerprint", flat=True)[: app_settings.DUPLICATE_LOOKBACK]
    )


def _load_watch_words() -> tuple[list[str], list[str]]:
    banned, suspect = [], []
    for phrase, severity in WatchWord.objects.values_list("phrase", "severity"):
        (banned if severity == WatchWord.Severity.BANNED else suspect).append(phrase)
    return banned, suspect


# The watch words of the batch being screened, read once for all of it (see screening_batch).
_batch_watch_words: ContextVar[tuple[list[str], list[str]] | None] = ContextVar(
    "batch_watch_words", default=None
)


@contextmanager
def screening_batch():
    """Screen several testimonies with the watch words read once: a batch job's whole loop
    runs inside. A word added meanwhile applies from the next batch."""
    token = _batch_watch_words.set(_load_watch_words())
    try:
        yield
    finally:
        _batch_watch_words.reset(token)


def _watch_words() -> tuple[list[str], list[str]]:
    cached = _batch_watch_words.get()
    return cached if cached is not None else _load_watch_words()


def _findings(testimony: Testimony, *, recent_fingerprints=()) -> tuple[list[dict], float]:
    banned, suspect = _watch_words()
    detectors = _detector_modules(tuple(app_settings.DETECTORS))
    # The language the author chose: phone numbers are read by its regions' plans first.
    language = testimony.language
    spans_by_field = {
        "title": find_all(
            testimony.title,
            detectors=detectors,
            banned=banned,
            suspect=suspect,
            language=language,
        ),
        "body": find_all(
            testimony.body,
            detectors=detectors,
            banned=banned,
            suspect=suspect,
            recent_fingerprints=recent_fingerprints,
            language=language,
        ),
    }
    findings = [
        {"field": field, **span.as_dict()}
        for field, spans in spans_by_field.items()
        for span in spans
    ]
    score = risk_score(span for spans in spans_by_field.values() for span in spans)
    return findings, score


def testimony_screen(*, testimony_id: int) -> Screening | None:
    """Answer a testimony's request for screening: run the detectors, store the findings, route it.

    Idempotent against anything that happened since the request: a job delivered again (a
    worker died, the sweeper re-sent it) or late finds no request waiting and does nothing, so
    a decided appeal is never reopened and a published statement never screened again. Only a
    pending testimony goes to the queue (or, in surge mode, is published), and only an appealed
    rejection to the appeals list.
    """
    with transaction.atomic():
        testimony = Testimony.objects.select_for_update().filter(pk=testimony_id).first()
        if testimony is None:
            logger.info("Testimony %s is gone; nothing to screen", testimony_id)
            return None
        if testimony.screening_requested_at is None:
            return Screening.objects.filter(testimony=testimony).first()
        appeal = testimony.status == Testimony.Status.REJECTED and testimony.appealed_at
        screening = None
        if testimony.status == Testimony.Status.PENDING or appeal:
            screening = findings_refresh(testimony=testimony)
            if appeal:
                queue_item_open(testimony=testimony, reason=QueueItem.Reason.APPEAL)
            else:
                _route_screened(testimony, screening)
        # Anything else was decided while the request waited: nothing left to answer.
        Testimony.objects.filter(pk=testimony.pk).update(screening_requested_at=None)
        testimony.screening_requested_at = None
        return screening


def testimonies_screen(*, testimony_ids: list[int]) -> list[int]:
    """Answer the requests for screening of many new statements and stories in one transaction.

    What testimony_screen does for each, with a few queries for the whole batch instead of
    about ten for each testimony: in a surge the database round trips, not the detectors, are
    what a worker spends its time on. The common case only (pending, not yet in the queue);
    everything else is left to testimony_screen, one by one. Returns the ids it did not take.
    """
    with transaction.atomic():
        testimonies = list(
            Testimony.objects.select_for_update()
            .filter(pk__in=testimony_ids, status=Testimony.Status.PENDING)
            .exclude(screening_requested_at=None)
            .order_by("pk")
        )
        queued = set(
            QueueItem.objects.filter(testimony__in=testimonies, is_open=True).values_list(
                "testimony_id", flat=True
            )
        )
        testimonies = [testimony for testimony in testimonies if testimony.pk not in queued]
        if not testimonies:
            return list(testimony_ids)
        recent = None
        screenings, to_queue, to_publish = [], [], []
        for testimony in testimonies:
            long_text = duplicates.eligible(testimony.body)
            fingerprint = None
            if long_text:
                if recent is None:
                    recent = _recent_fingerprints(exclude=testimony)
                fingerprint = _signed64(duplicates.fingerprint(testimony.body))
            findings, score = _findings(testimony, recent_fingerprints=recent or [])
            if fingerprint is not None:
                # Later stories of the batch are compared with this one, as they would be
                # had each been screened on its own.
                recent.insert(0, fingerprint)
            screening = Screening(
                testimony=testimony,
                findings=findings,
                risk_score=score,
                testimony_version=testimony.version,
                fingerprint=fingerprint,
            )
            screenings.append(screening)
            (to_publish if _surge_publishable(testimony, screening) else to_queue).append(testimony)
        Screening.objects.bulk_create(
            screenings,
            update_conflicts=True,
            unique_fields=["testimony"],
            update_fields=["findings", "risk_score", "testimony_version", "fingerprint"],
        )
        QueueItem.objects.bulk_create(
            QueueItem(
                testimony=testimony,
                reason=QueueItem.Reason.NEW,
                priority=QueueItem.PRIORITY[QueueItem.Reason.NEW],
            )
            for testimony in to_queue
        )
        for testimony in to_publish:
            testimony_services.testimony_publish(testimony=testimony)
            _audit(AuditEntry.Action.AUTO_PUBLISH, testimony=testimony, actor=None)
        taken = {testimony.pk for testimony in testimonies}
        Testimony.objects.filter(pk__in=taken).update(screening_requested_at=None)
    return [testimony_id for testimony_id in testimony_ids if testimony_id not in taken]


def _surge_publishable(testimony: Testimony, screening: Screening) -> bool:
    """In surge mode, a statement in which screening is sure of nothing identifying: hints
    (findings of confidence below 0.5) and public figures do not hold it back."""
    return (
        app_settings.SURGE_MODE
        and testimony.kind == Testimony.Kind.STATEMENT
        and screening.risk_score < app_settings.SURGE_RISK_THRESHOLD
    )


def _route_screened(testimony: Testimony, screening: Screening) -> None:
    """Publish a statement screening is sure about at once in surge mode; send everything
    else to the queue."""
    if _surge_publishable(testimony, screening):
        testimony_services.testimony_publish(testimony=testimony)
        _audit(AuditEntry.Action.AUTO_PUBLISH, testimony=testimony, actor=None)
        return
    queue_item_open(testimony=testimony, reason=QueueItem.Reason.NEW)


def findings_refresh(*, testimony: Testimony) -> Screening:
    """Screen the testimony as it is now and store the findings (again, after a redaction:
    the old offsets are wrong)."""
    long_text = duplicates.eligible(testimony.body)
    recent = _recent_fingerprints(exclude=testimony) if long_text else []
    findings, score = _findings(testimony, recent_fingerprints=recent)
    screening, _created = Screening.objects.update_or_create(
        testimony=testimony,
        defaults={
            "findings": findings,
            "risk_score": score,
            "testimony_version": testimony.version,
            "fingerprint": _signed64(duplicates.fingerprint(testimony.body)) if long_text else None,
        },
    )
    return screening


def findings_in_text(*, testimony: Testimony) -> list[dict]:
    """What screening found in the testimony's words as they are now, screened again if they
    changed since, or now if they never were (a testimony made outside the usual flow): no
    text is published on the strength of a screening that did not happen."""
    screening = Screening.objects.filter(testimony=testimony).first()
    if screening is None or screening.testimony_version != testimony.version:
        screening = findings_refresh(testimony=testimony)
    return screening.findings


# --- The queue -------------------------------------------------------------------------------


def queue_item_open(
    *,
    testimony: Testimony,
    reason: str,
    escalated_by: AbstractBaseUser | None = None,
    note: str = "",
) -> QueueItem:
    """Put a testimony in the queue, or raise the priority of the item already open for it."""
    priority = QueueItem.PRIORITY[reason]
    with transaction.atomic():
        item = QueueItem.objects.select_for_update().filter(testimony=testimony, is_open=True)
        item = item.first()
        if item is None:
            return QueueItem.objects.create(testimony=testimony, reason=reason, priority=priority)
        if priority < item.priority or reason == QueueItem.Reason.ESCALATION:
            item.reason, item.priority = reason, priority
            item.escalated_by, item.escalation_note = escalated_by, note
            item.claimed_by, item.lease_expires_at = None, None
            item.save()
        return item


def _available(now) -> Q:
    return Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now)


def claim_next_item(*, moderator: AbstractBaseUser, reason: str | None = None) -> QueueItem | None:
    """Lease the first open item nobody holds: by priority, oldest first.

    SKIP LOCKED makes two moderators claiming at the same instant take different items on
    PostgreSQL; on SQLite the IMMEDIATE transaction serialises them.
    """
    now = timezone.now()
    with transaction.atomic():
        items = (
            QueueItem.objects.select_for_update(skip_locked=True)
            .filter(_available(now), is_open=True)
            .exclude(escalated_by=moderator)
            .order_by("priority", "created_at", "id")
        )
        if reason in QueueItem.Reason.values:
            items = items.filter(reason=reason)
        item = items.first()
        if item is None:
            return None
        _lease(item, moderator, now)
        return item


def item_claim(*, item_id: int, moderator: AbstractBaseUser) -> QueueItem:
    """Lease one chosen item, unless another moderator holds it."""
    now = timezone.now()
    with transaction.atomic():
        item = QueueItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None or not item.is_open:
            raise DecisionRefused(_("This item has already been decided."))
        if _held_by_other(item, moderator, now):
            raise DecisionRefused(_("Another moderator is working on this item."))
        _refuse_own_escalation(item, moderator)
        _lease(item, moderator, now)
        return item


def _refuse_own_escalation(item: QueueItem, moderator: AbstractBaseUser) -> None:
    """An escalated item is decided by another moderator (or an administrator)."""
    if (
        item.reason == QueueItem.Reason.ESCALATION
        and item.escalated_by_id == moderator.pk
        and not moderator.is_superuser
    ):
        raise DecisionRefused(_("You escalated this item: another moderator will decide it."))


def _lease(item: QueueItem, moderator: AbstractBaseUser, now) -> None:
    item.claimed_by = moderator
    item.lease_expires_at = now + app_settings.CLAIM_LEASE
    item.save(update_fields=["claimed_by", "lease_expires_at"])


def _held_by_other(item: QueueItem, moderator: AbstractBaseUser, now) -> bool:
    return (
        item.claimed_by_id is not None
        and item.claimed_by_id != moderator.pk
        and item.lease_running(now)
    )


def item_release(*, item_id: int, moderator: AbstractBaseUser) -> QueueItem:
    """Give back a claim before its lease runs out, so anyone can take the item at once."""
    with transaction.atomic():
        item = (
            QueueItem.objects.select_for_update().select_related("testimony").filter(pk=item_id)
        ).first()
        if item is None or not item.is_open:
            raise DecisionRefused(_("This item has already been decided."))
        if item.claimed_by_id != moderator.pk or not item.lease_running():
            raise DecisionRefused(_("You are not holding this item: there is nothing to release."))
        item.claimed_by, item.lease_expires_at = None, None
        item.save(update_fields=["claimed_by", "lease_expires_at"])
        # Nothing was judged: the entry says who let go, not what the text was.
        _audit(
            AuditEntry.Action.RELEASE, testimony=item.testimony, actor=moderator, keep_text=False
        )
        return item


def release_expired_claims() -> int:
    """Forget leases that ran out, so the queue shows those items as free again."""
    return QueueItem.objects.filter(is_open=True, lease_expires_at__lt=timezone.now()).update(
        claimed_by=None, lease_expires_at=None
    )


# --- Decisions -------------------------------------------------------------------------------


def _locked_for_decision(
    *, item_id: int, moderator: AbstractBaseUser, version: int
) -> tuple[QueueItem, Testimony]:
    """Lock the item and its testimony; refuse if decided, held by another, or stale."""
    item = (
        QueueItem.objects.select_for_update().select_related("testimony").filter(pk=item_id).first()
    )
    if item is None or not item.is_open:
        raise DecisionRefused(_("This item has already been decided by another moderator."))
    if _held_by_other(item, moderator, timezone.now()):
        raise DecisionRefused(_("Another moderator is working on this item."))
    _refuse_own_escalation(item, moderator)
    testimony = item.testimony
    if testimony.version != version:
        raise DecisionRefused(
            _(
                "This testimony changed after you opened it (it was edited or decided). "
                "Nothing was applied: please review it again."
            )
        )
    return item, testimony


def _close(item: QueueItem) -> None:
    item.is_open = False
    item.closed_at = timezone.now()
    item.claimed_by = None
    item.lease_expires_at = None
    item.save()


def _audit(
    action: str,
    *,
    testimony: Testimony,
    actor: AbstractBaseUser | None,
    reason: str = "",
    note: str = "",
    keep_text: bool = True,
) -> AuditEntry:
    snapshot = "\n\n".join(part for part in (testimony.title, testimony.body) if part)
    if not keep_text:
        snapshot = ""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        testimony=testimony,
        testimony_public_id=testimony.public_id,
        reason=reason,
        note=note,
        testimony_version=testimony.version,
        text_snapshot=snapshot,
    )


def decision_approve(
    *,
    item_id: int,
    moderator: AbstractBaseUser,
    version: int,
    title: str | None = None,
    body: str | None = None,
    content_warnings: Iterable[ContentWarning] | None = None,
    note: str = "",
    findings_confirmed: bool = False,
) -> Testimony:
    """Publish (or keep published after reports), optionally with edits and warnings.

    A text in which screening found anything is published only with findings_confirmed: the
    moderator read it and ticked that what is marked may stay. Otherwise FindingsUnconfirmed
    is raised and nothing changes, so no key pressed by mistake publishes a phone number.
    """
    with transaction.atomic():
        item, testimony = _locked_for_decision(
            item_id=item_id, moderator=moderator, version=version
        )
        edited = False
        if content_warnings is not None:
            warnings_before = set(testimony.content_warnings.values_list("pk", flat=True))
            edited = warnings_before != {warning.pk for warning in content_warnings}
        if title is not None or body is not None or content_warnings is not None:
            edited |= _revise(
                testimony,
                title=testimony.title if title is None else title,
                body=testimony.body if body is None else body,
                content_warnings=content_warnings,
            )
        findings = findings_in_text(testimony=testimony)
        if findings and not findings_confirmed:
            raise FindingsUnconfirmed(findings)
        testimony_services.testimony_publish(testimony=testimony)
        _close(item)
        action = AuditEntry.Action.APPROVE_EDITED if edited else AuditEntry.Action.APPROVE
        _audit(action, testimony=testimony, actor=moderator, reason=item.reason, note=note)
        return testimony


def decision_reject(
    *, item_id: int, moderator: AbstractBaseUser, version: int, reason: str, note: str = ""
) -> Testimony:
    """Refuse (or take down); the author sees the reason and the note."""
    if reason not in Testimony.RejectionReason.values:
        raise DecisionRefused(_("Please choose a reason."))
    with transaction.atomic():
        item, testimony = _locked_for_decision(
            item_id=item_id, moderator=moderator, version=version
        )
        _audit(
            AuditEntry.Action.REJECT, testimony=testimony, actor=moderator, reason=reason, note=note
        )
        testimony_services.testimony_reject(testimony=testimony, reason=reason, note=note)
        _close(item)
        return testimony


def decision_escalate(
    *, item_id: int, moderator: AbstractBaseUser, version: int, note: str = ""
) -> QueueItem:
    """Hand the item to another moderator, first in the queue, with a note."""
    with transaction.atomic():
        item, testimony = _locked_for_decision(
            item_id=item_id, moderator=moderator, version=version
        )
        item = queue_item_open(
            testimony=testimony,
            reason=QueueItem.Reason.ESCALATION,
            escalated_by=moderator,
            note=note,
        )
        _audit(AuditEntry.Action.ESCALATE, testimony=testimony, actor=moderator, note=note)
        return item


def redact_span(
    *,
    item_id: int,
    moderator: AbstractBaseUser,
    version: int,
    field: str,
    start: int,
    end: int,
    kind: str,
    replacement: str = replacements.PLACEHOLDER,
    own_words: str = "",
) -> Testimony:
    """Replace text[start:end] of the title or body with words that keep the meaning (a role,
    a type of place, the moderator's own letters-only words) or a placeholder.

    The audit entry keeps the text as it is after and, in its note, which part was replaced
    with what: never the removed words, so the log holds no more of them than the text does.
    """
    if field not in ("title", "body"):
        raise DecisionRefused(_("Only the title and the text can be redacted."))
    with transaction.atomic():
        item, testimony = _locked_for_decision(
            item_id=item_id, moderator=moderator, version=version
        )
        text = getattr(testimony, field)
        if not 0 <= start < end <= len(text):
            raise DecisionRefused(_("That part of the text no longer exists."))
        try:
            words = replacements.replacement_text(
                key=replacement, kind=kind, language=testimony.language, own_words=own_words
            )
        except ValueError as invalid:
            raise DecisionRefused(
                _("Use letters only, up to %(max)d, for your own words.")
                % {"max": replacements.OWN_WORDS_MAX_LENGTH}
            ) from invalid
        redacted = text[:start] + words + text[end:]
        _revise(
            testimony,
            title=redacted if field == "title" else testimony.title,
            body=redacted if field == "body" else testimony.body,
        )
        _lease(item, moderator, timezone.now())
        # Stored, so not translated: the log reads the same in every language.
        note = f'{field} {start}-{end} ({kind}) replaced with "{words}"'
        _audit(
            AuditEntry.Action.REDACT, testimony=testimony, actor=moderator, reason=kind, note=note
        )
        findings_refresh(testimony=testimony)
        return testimony


@dataclass(frozen=True)
class BatchResult:
    approved: int
    skipped: int


def batch_approve(*, moderator: AbstractBaseUser, items: Iterable[tuple[int, int]]) -> BatchResult:
    """Approve many short statements at once; each carries the version the moderator saw.

    An item with findings, one that changed, was decided, or is held by someone else is
    skipped, not forced.
    """
    approved = skipped = 0
    items = list(items)
    # Only what the batch page offers: new short statements screening found nothing in.
    # Anything else is skipped, whatever was posted.
    eligible = set(
        QueueItem.objects.filter(
            pk__in=[item_id for item_id, _version in items],
            is_open=True,
            reason=QueueItem.Reason.NEW,
            testimony__kind=Testimony.Kind.STATEMENT,
            # Screened, as the text is now, and nothing found.
            testimony__screening__findings=[],
            testimony__screening__testimony_version=models.F("testimony__version"),
        ).values_list("pk", flat=True)
    )
    for item_id, version in items:
        if item_id not in eligible:
            skipped += 1
            continue
        try:
            decision_approve(item_id=item_id, moderator=moderator, version=version)
        except DecisionRefused:
            skipped += 1
        else:
            approved += 1
    return BatchResult(approved=approved, skipped=skipped)


# --- Reports ---------------------------------------------------------------------------------


def report_submit(*, testimony: Testimony, reason: str, details: str, reader_key: str) -> bool:
    """Record a reader's report; False if this reader already reported this testimony.

    Reports bring the testimony to the queue. Enough distinct readers *since the last
    moderator decision* hide it until reviewed; once a moderator has kept it up after reports,
    it takes REPORT_HIDE_THRESHOLD_UPHELD readers to hide it again, so a mob that lost once
    cannot take it down by reporting again.
    """
    with transaction.atomic():
        testimony = Testimony.objects.select_for_update().get(pk=testimony.pk)
        try:
            with transaction.atomic():
                Report.objects.create(
                    testimony=testimony,
                    reason=reason,
                    details=clean_text(details),
                    reader_key=reader_key,
                )
        except IntegrityError:
            return False
        queue_item_open(testimony=testimony, reason=QueueItem.Reason.REPORT)
        threshold, since = _hide_threshold(testimony)
        reports = testimony.reports.all()
        if since is not None:
            reports = reports.filter(created_at__gt=since)
        readers = reports.values("reader_key").distinct().count()
        if testimony.status == Testimony.Status.PUBLISHED and readers >= threshold:
            testimony_services.testimony_hide(testimony=testimony)
            _audit(AuditEntry.Action.HIDE, testimony=testimony, actor=None, reason="reports")
        return True


_DECISIONS = (AuditEntry.Action.APPROVE, AuditEntry.Action.APPROVE_EDITED, AuditEntry.Action.REJECT)


def _hide_threshold(testimony: Testimony) -> tuple[int, datetime | None]:
    """How many readers hide it, counting reports made after when (None: all of them)."""
    last = (
        AuditEntry.objects.filter(testimony=testimony, action__in=_DECISIONS)
        .order_by("-created_at", "-id")
        .first()
    )
    if last is None:
        return app_settings.REPORT_HIDE_THRESHOLD, None
    upheld = (
        last.action != AuditEntry.Action.REJECT
        and testimony.reports.filter(created_at__lte=last.created_at).exists()
    )
    if upheld:
        return app_settings.REPORT_HIDE_THRESHOLD_UPHELD, last.created_at
    return app_settings.REPORT_HIDE_THRESHOLD, last.created_at


# --- The audit log -------------------------------------------------------------------------


def audit_admin_change(*, testimony: Testimony, user: AbstractBaseUser, changes: dict, **_kw):
    """An administrator's change to a testimony in the admin, written like any decision."""
    note = "; ".join(f"{field}: {value}" for field, value in sorted(changes.items()))
    _audit(
        AuditEntry.Action.ADMIN_EDIT,
        testimony=testimony,
        actor=user,
        reason=testimony.rejection_reason or "",
        note=note,
    )


def audit_actor_pseudonymise(*, instance: AbstractBaseUser, **_kwargs) -> int:
    """Before an account is deleted, name its audit entries "moderator #<id>".

    The one change the append-only log allows besides purging text, made with the base
    QuerySet.update on purpose; the foreign key is then set to null by the deletion.
    """
    # Stored, so not translated: the log reads the same in every language.
    return models.QuerySet.update(
        AuditEntry.objects.filter(actor_id=instance.pk), actor_label=f"moderator #{instance.pk}"
    )


# --- Retention -------------------------------------------------------------------------------


def purge_expired_text() -> int:
    """Delete the words of rejected and withdrawn testimonies once the retention period is over.

    The audit log keeps each decision but loses the text judged: the one change the
    append-only log allows, made with the base QuerySet.update on purpose.
    """
    cutoff = timezone.now() - app_settings.RETENTION
    expired = Testimony.objects.filter(
        status__in=[Testimony.Status.REJECTED, Testimony.Status.WITHDRAWN],
        status_changed_at__lt=cutoff,
    ).filter(~Q(body="") | ~Q(title=""))
    with transaction.atomic():
        ids = list(expired.select_for_update().values_list("pk", flat=True))
        if not ids:
            return 0
        Testimony.objects.filter(pk__in=ids).update(title="", body="")
        Screening.objects.filter(testimony_id__in=ids).update(findings=[], fingerprint=None)
        Report.objects.filter(testimony_id__in=ids).update(details="")
        models.QuerySet.update(
            AuditEntry.objects.filter(testimony_id__in=ids), text_snapshot="", text_purged=True
        )
    return len(ids)


def purge_expired_snapshots() -> int:
    """Delete the text judged from every audit entry older than the retention period, whatever
    became of the testimony (published ones included): the entry keeps the decision."""
    cutoff = timezone.now() - app_settings.RETENTION
    return models.QuerySet.update(
        AuditEntry.objects.filter(created_at__lt=cutoff, text_purged=False),
        text_snapshot="",
        text_purged=True,
    )


def audit_text_purge_withdrawn(*, testimony: Testimony, **_kwargs) -> int:
    """Its author withdrew it: delete at once every copy of its words in the audit log, the
    text judged and the notes moderators wrote about it (which may quote it). Who decided
    what, when and for which reason stays."""
    return models.QuerySet.update(
        AuditEntry.objects.filter(testimony_id=testimony.pk),
        text_snapshot="",
        note="",
        text_purged=True,
    )
