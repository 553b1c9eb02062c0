"""What moderation keeps: screening findings, the review queue, reader reports, the audit log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from testimonies.models import Testimony


class Screening(models.Model):
    """The findings of one screening run; a testimony without one is still waiting for it."""

    testimony = models.OneToOneField(
        Testimony, on_delete=models.CASCADE, related_name="screening", verbose_name=_("testimony")
    )
    # A list of Span.as_dict() with a "field" key ("title" or "body") added.
    findings = models.JSONField(_("findings"), default=list, blank=True)
    risk_score = models.FloatField(_("risk score"), default=0.0)
    # The testimony's version the findings belong to: an edit sends it back to screening.
    testimony_version = models.PositiveIntegerField(_("testimony version"))
    # SimHash of a long text, to spot a flood of the same story; null for short texts.
    fingerprint = models.BigIntegerField(_("fingerprint"), null=True, blank=True)
    screened_at = models.DateTimeField(_("screened at"), auto_now=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [
            models.Index(
                fields=["-screened_at"],
                condition=Q(fingerprint__isnull=False),
                name="screening_fingerprint_idx",
            )
        ]

    def __str__(self):
        return f"{self.testimony} ({len(self.findings)} findings)"


class QueueItem(models.Model):
    """One testimony waiting for a moderator, for one reason; at most one open per testimony."""

    class Reason(models.TextChoices):
        ESCALATION = "escalation", _("Escalated")
        REPORT = "report", _("Reported by readers")
        APPEAL = "appeal", _("Appealed by the author")
        NEW = "new", _("New submission")

    # Lower is handled first: escalations, then reports and appeals, then new submissions.
    PRIORITY = {Reason.ESCALATION: 0, Reason.REPORT: 10, Reason.APPEAL: 10, Reason.NEW: 20}

    testimony = models.ForeignKey(
        Testimony, on_delete=models.CASCADE, related_name="queue_items", verbose_name=_("testimony")
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    priority = models.PositiveSmallIntegerField(_("priority"))
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("waiting since"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The claim: a lease that expires, so an abandoned item goes back to the queue.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("claimed by"),
    )
    lease_expires_at = models.DateTimeField(_("claim expires"), null=True, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("escalated by"),
    )
    escalation_note = models.TextField(_("escalation note"), blank=True)

    class Meta:
        verbose_name = _("queue item")
        verbose_name_plural = _("queue items")
        indexes = [
            # "Claim next": open items in priority order, oldest first.
            models.Index(
                fields=["priority", "created_at", "id"],
                condition=Q(is_open=True),
                name="queueitem_next_idx",
            ),
            models.Index(fields=["-closed_at"], name="queueitem_closed_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["testimony"], condition=Q(is_open=True), name="queueitem_one_open"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.testimony}"

    def lease_running(self, now=None) -> bool:
        """Whether someone's claim still holds the item (at ``now``, by default now)."""
        return self.lease_expires_at is not None and self.lease_expires_at > (now or timezone.now())

    @property
    def holder_id(self) -> int | None:
        """Who holds the item now: the claimant while the lease runs, else nobody."""
        return self.claimed_by_id if self.lease_running() else None


class Report(models.Model):
    """A reader's report of a published testimony; one per reader per testimony."""

    class Reason(models.TextChoices):
        IDENTIFIES_PERSON = "identifies_person", _("It names or identifies someone")
        HARASSMENT = "harassment", _("It is harassment or hate")
        SPAM = "spam", _("It is spam or advertising")
        NOT_TESTIMONY = "not_testimony", _("It is not a testimony")
        OTHER = "other", _("Something else")

    testimony = models.ForeignKey(
        Testimony, on_delete=models.CASCADE, related_name="reports", verbose_name=_("testimony")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True)
    # A keyed hash of the account, or of the client network's key of the day (never a cookie:
    # testimonies.readers): it tells readers apart without holding an address.
    reader_key = models.CharField(_("reader key"), max_length=64)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["testimony", "reader_key"], name="report_one_per_reader"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.testimony}"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One moderation action, written once and never changed (only the text is purged)."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        APPROVE_EDITED = "approve_edited", _("Approved with edits")
        REJECT = "reject", _("Rejected")
        ESCALATE = "escalate", _("Escalated")
        REDACT = "redact", _("Redacted a detail")
        AUTO_PUBLISH = "auto_publish", _("Published automatically (surge mode)")
        HIDE = "hide", _("Hidden after reports")
        ADMIN_EDIT = "admin_edit", _("Changed in the admin")
        RELEASE = "release", _("Released a claim")

    # Null for what the system did (hiding after reports, surge publishing) and for the
    # decisions of a moderator whose account was deleted: actor_label then names them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
    )
    actor_label = models.CharField(_("moderator (deleted account)"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    testimony = models.ForeignKey(
        Testimony,
        null=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("testimony"),
    )
    testimony_public_id = models.CharField(_("testimony public id"), max_length=16)
    reason = models.CharField(_("reason"), max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)
    testimony_version = models.PositiveIntegerField(_("version judged"))
    # The title and text as judged; purged after the retention period, or at once when the
    # author withdraws the testimony (with the note, which may quote it).
    text_snapshot = models.TextField(_("text judged"), blank=True)
    text_purged = models.BooleanField(_("text purged"), default=False)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")

    @property
    def actor_name(self) -> str:
        """Who acted: the moderator's username, their pseudonym once the account is gone, or
        the system."""
        if self.actor_id is not None:
            return self.actor.get_username()
        return self.actor_label or str(_("the system"))


class WatchWord(models.Model):
    """A word or phrase administrators want screening to flag: banned or merely suspect."""

    class Severity(models.TextChoices):
        BANNED = "banned", _("Banned")
        SUSPECT = "suspect", _("Suspect")

    phrase = models.CharField(_("word or phrase"), max_length=100, unique=True)
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.SUSPECT
    )

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase
