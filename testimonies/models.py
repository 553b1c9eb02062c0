"""What a testimony is: its kind, its text, where it stands, and the labels it carries."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .app_settings import app_settings


def new_public_id() -> str:
    """72 random bits, URL-safe: public ids reveal neither order nor count."""
    return secrets.token_urlsafe(9)


class Label(models.Model):
    """A name an operator can edit, shown as a checkbox on the share form."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Topic(Label):
    """Where it happened: workplace, school, family, online..."""

    class Meta(Label.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class ContentWarning(Label):
    """A warning shown, and opened only on request, before the text."""

    class Meta(Label.Meta):
        verbose_name = _("content warning")
        verbose_name_plural = _("content warnings")


class Testimony(models.Model):
    class Kind(models.TextChoices):
        METOO = "metoo", _("Me too")
        STATEMENT = "statement", _("Short statement")
        STORY = "story", _("Longer story")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        HIDDEN = "hidden", _("Hidden until reviewed")

    class RejectionReason(models.TextChoices):
        IDENTIFIES_PERSON = "identifies_person", _("It could identify a person")
        NOT_TESTIMONY = "not_testimony", _("It is not a testimony")
        SPAM = "spam", _("Spam")
        HARASSMENT = "harassment", _("Harassment or hate")
        OTHER = "other", _("Another reason")

    public_id = models.CharField(
        _("public id"), max_length=16, unique=True, default=new_public_id, editable=False
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120, blank=True)
    body = models.TextField(_("text"), blank=True)
    content_warnings = models.ManyToManyField(
        ContentWarning, blank=True, related_name="testimonies", verbose_name=_("content warnings")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="testimonies", verbose_name=_("topics")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # Internal to the minute and never shown: the public sees only published_on, the day.
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    # When the status last changed: the retention period of rejected text counts from here.
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    # Written by a moderator for the author, who reads it with the receipt code.
    rejection_note = models.TextField(_("note for the author"), blank=True)
    # Raised by every change a moderator or the author makes, so a decision taken on an older
    # version can be refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # A keyed hash of the receipt code: the code itself is shown once and never stored.
    receipt_hash = models.CharField(
        _("receipt hash"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # An author may appeal a rejection once.
    appealed_at = models.DateTimeField(_("appealed"), null=True, blank=True, editable=False)
    appeal_note = models.TextField(_("appeal"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonies",
        verbose_name=_("author"),
    )

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        indexes = [
            # The wall: published testimonies, newest first, read by keyset.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="testimony_wall_idx",
            ),
            # The moderation queue and the sweeper: oldest first within a status.
            models.Index(fields=["status", "created_at"], name="testimony_status_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="metoo") | (Q(body="") & Q(title="")),
                name="testimony_metoo_has_no_text",
            ),
            models.CheckConstraint(
                condition=~Q(kind="statement") | Q(title=""),
                name="testimony_statement_has_no_title",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="testimony_published_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.public_id}"

    def get_absolute_url(self):
        return reverse("testimonies:detail", kwargs={"public_id": self.public_id})

    def clean(self):
        """The rules of each kind, in the words a survivor will read."""
        errors = {}
        if self.kind == self.Kind.METOO:
            if self.body:
                errors["body"] = _(
                    "A “me too” is counted without any words. To share your words, choose "
                    "“Short statement” or “Longer story”: your text is still here."
                )
            if self.title:
                errors["title"] = _("A “me too” has no title.")
        elif self.kind == self.Kind.STATEMENT:
            limit = app_settings.STATEMENT_MAX_LENGTH
            if not self.body:
                errors["body"] = _("Please write your statement, or choose “Me too”.")
            elif len(self.body) > limit:
                errors["body"] = _(
                    "A short statement can be up to %(limit)s characters; yours has %(count)s. "
                    "Shorten it, or choose “Longer story” to keep it all."
                ) % {"limit": limit, "count": len(self.body)}
            if self.title:
                errors["title"] = _(
                    "Only a longer story has a title. Clear the title, or choose “Longer story”."
                )
        elif self.kind == self.Kind.STORY:
            limit = app_settings.STORY_MAX_LENGTH
            if not self.body:
                errors["body"] = _("Please write your story, or choose “Me too”.")
            elif len(self.body) > limit:
                errors["body"] = _(
                    "A story can be up to %(limit)s characters; yours has %(count)s. Please "
                    "shorten it; nothing has been sent yet."
                ) % {"limit": f"{limit:,}", "count": f"{len(self.body):,}"}
        if errors:
            raise ValidationError(errors)
