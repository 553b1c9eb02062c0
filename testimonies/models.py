"""What a testimony is: its kind, its text, where it stands, and the labels it carries."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language_info, gettext
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
        # The names every install starts with are translated (marked in migration 0002); a
        # name an operator typed is shown as typed in every language.
        return gettext(self.name)


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

    # Unique by a constraint in Meta, not unique=True: on PostgreSQL that would also build a
    # second index for LIKE searches, which nothing makes, on every insert.
    public_id = models.CharField(
        _("public id"), max_length=16, default=new_public_id, editable=False
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The language the author wrote in (one of settings.LANGUAGES): screen readers read the
    # text in its voice, search stems it in its language, screening looks for its phone formats.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
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
        _("receipt hash"), max_length=64, null=True, blank=True, editable=False
    )
    # Set, in the transaction that makes the change, whenever screening is asked for (a new
    # submission, an author's edit, an appeal), and cleared by the screening that answers it:
    # the sweeper re-sends whatever has waited too long, whatever the message's fate.
    screening_requested_at = models.DateTimeField(
        _("waiting for screening since"), null=True, blank=True, editable=False
    )
    # A hash of the one-time token of the share form that sent it: the same form sent twice
    # (a reload, a double tap) is saved once. The token itself stays in the author's page.
    submission_token_hash = models.CharField(
        _("submission token hash"), max_length=64, null=True, blank=True, editable=False
    )
    # An author may appeal a rejection once.
    appealed_at = models.DateTimeField(_("appealed"), null=True, blank=True, editable=False)
    appeal_note = models.TextField(_("appeal"), blank=True)
    # Solidarity, counted on the testimony so the wall never counts rows to show them.
    believe_reactions = models.PositiveIntegerField(_("“I believe you”"), default=0, editable=False)
    metoo_reactions = models.PositiveIntegerField(_("“Me too”"), default=0, editable=False)
    strength_reactions = models.PositiveIntegerField(
        _("“Sending strength”"), default=0, editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonies",
        verbose_name=_("author"),
        db_index=False,  # see the partial index in Meta
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
            # "My testimonies": most testimonies have no author, and need no entry here.
            models.Index(
                fields=["author"],
                condition=Q(author__isnull=False),
                name="testimony_author_idx",
            ),
            # The sweeper: what waits for screening, oldest first (few rows, so a small index).
            models.Index(
                fields=["screening_requested_at"],
                condition=Q(screening_requested_at__isnull=False),
                name="testimony_screening_wait_idx",
            ),
            # The wall filtered by a language other than English: the English majority is
            # served by testimony_wall_idx, and stays out of this index.
            models.Index(
                fields=["language", "-published_at", "-id"],
                condition=Q(status="published") & ~Q(language="en"),
                name="testimony_language_wall_idx",
            ),
            # Full-text search has a GIN index on PostgreSQL only: see migration 0011.
        ]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="testimony_public_id_unique"),
            models.UniqueConstraint(fields=["receipt_hash"], name="testimony_receipt_hash_unique"),
            models.UniqueConstraint(
                fields=["submission_token_hash"], name="testimony_submission_token_unique"
            ),
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
        return reverse("wall:detail", kwargs={"public_id": self.public_id})

    @property
    def language_name(self) -> str:
        """The language's name in itself ("Español"), as the language switcher writes it."""
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def text_direction(self) -> str:
        """ "rtl" or "ltr": the direction of the text in its own language, whatever the page's."""
        try:
            return "rtl" if get_language_info(self.language)["bidi"] else "ltr"
        except KeyError:
            return "ltr"

    @property
    def reaction_counts(self) -> list[tuple[str, int]]:
        """Each kind of support and how many readers sent it, in the order the wall shows them."""
        return [
            (label, getattr(self, Reaction.COUNTER_FIELD[kind]))
            for kind, label in Reaction.Kind.choices
        ]

    def validate_constraints(self, exclude=None):
        # The check constraints restate clean()'s rules for the database, which enforces them
        # on every write; clean() has already said what is wrong in plain words. Checking them
        # again here would cost a query each on the busiest path of the site.
        return

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


class Reaction(models.Model):
    """One reader's solidarity with one testimony: once per reader and kind, never a comment."""

    class Kind(models.TextChoices):
        BELIEVE = "believe", _("I believe you")
        METOO = "metoo", _("Me too")
        STRENGTH = "strength", _("Sending strength")

    # The counter on Testimony that each kind adds to.
    COUNTER_FIELD = {
        Kind.BELIEVE: "believe_reactions",
        Kind.METOO: "metoo_reactions",
        Kind.STRENGTH: "strength_reactions",
    }

    testimony = models.ForeignKey(
        Testimony, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("testimony")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # A keyed hash of a random id in the reader's session (testimonies.readers): no identity.
    reader_key = models.CharField(_("reader key"), max_length=64)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["testimony", "kind", "reader_key"], name="reaction_once_per_reader"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.testimony}"


class PublishedTally(models.Model):
    """How many testimonies of a kind are published, by day of publication.

    The counter and the statistics add these up instead of counting rows, so they cost the
    same with ten testimonies as with a million. Each (day, kind) is split over a few shards
    so that a surge of "me too"s does not queue on one row lock.
    """

    SHARDS = 8

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=12, choices=Testimony.Kind.choices)
    shard = models.PositiveSmallIntegerField(_("shard"))
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("published tally")
        verbose_name_plural = _("published tallies")
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "shard"], name="tally_one_per_shard")
        ]

    def __str__(self):
        return f"{self.day} {self.kind}: {self.count}"


class PublishedTotal(models.Model):
    """How many testimonies of a kind are published in all: what the counter adds up.

    A handful of rows whatever the size of the wall, so reading the counter costs the same
    with ten testimonies as with a million; sharded like PublishedTally.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=Testimony.Kind.choices)
    shard = models.PositiveSmallIntegerField(_("shard"))
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("published total")
        verbose_name_plural = _("published totals")
        constraints = [
            models.UniqueConstraint(fields=["kind", "shard"], name="total_one_per_shard")
        ]

    def __str__(self):
        return f"{self.kind}: {self.count}"


class CrisisResource(models.Model):
    """A helpline shown on /resources/ and linked from every page; administrators edit them."""

    region = models.CharField(_("where it helps"), max_length=80)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z]{2}\Z", _("Two capital letters: the country's ISO 3166-1 code, such as ES.")
            )
        ],
        help_text=_(
            "The ISO 3166-1 code of the country it serves (ES, FR, MX, MA, EG...); empty if it "
            "helps anywhere."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language it answers in, which readers of that language see first; empty for "
            "a directory that helps in many."
        ),
    )
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")
        ordering = ["position", "region", "name"]

    def __str__(self):
        return f"{self.region}: {self.name}"
