"""Every write to a testimony goes through here: submitting, publishing, the author's changes."""

import contextlib
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import signals
from .models import ContentWarning, PublishedTally, PublishedTotal, Testimony, Topic
from .receipts import receipt_hash, receipt_new
from .text import clean_text


class AlreadyReceived(Exception):
    """This share form was already sent and saved: saving it again would make a copy."""


@dataclass(frozen=True)
class Submission:
    testimony: Testimony
    # Shown to the author once, on the confirmation page; only its hash is stored.
    receipt_code: str | None


def testimony_submit(
    *,
    kind: str,
    body: str = "",
    title: str = "",
    content_warnings: Iterable[ContentWarning] = (),
    topics: Iterable[Topic] = (),
    author: AbstractBaseUser | None = None,
    submission_token_hash: str | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> Submission:
    """Save a testimony in one transaction; words go to screening once it has committed.

    A bare "me too" has nothing to screen or manage: it is published, and so counted, at once.
    Anything with words gets a receipt code. The caller has cleaned the text
    (testimonies.text.clean_text); the model's rules are checked again here so no caller can
    store what the form would refuse. A form whose token hash is already stored was saved
    before: AlreadyReceived, and nothing is saved again.
    """
    testimony = Testimony(
        kind=kind,
        body=body,
        title=title,
        author=author,
        language=language,
        submission_token_hash=submission_token_hash or None,
    )
    code = None
    if kind == Testimony.Kind.METOO:
        _mark_published(testimony)
    else:
        code = receipt_new()
        testimony.receipt_hash = receipt_hash(code)
        # In the same INSERT: if the message to the worker is lost, the sweeper sees this.
        testimony.screening_requested_at = timezone.now()
    # Uniqueness is the database's to enforce (public ids and receipt hashes are random):
    # asking first would cost a query each on the busiest path of the site.
    testimony.full_clean(validate_unique=False)
    # Most submissions are one INSERT, a transaction of its own: BEGIN and COMMIT around it
    # would add two round trips to the database on the busiest write of the site.
    several_writes = kind == Testimony.Kind.METOO or content_warnings or topics
    try:
        _save_new(testimony, several_writes, content_warnings, topics)
    except IntegrityError:
        if (
            submission_token_hash
            and Testimony.objects.filter(submission_token_hash=submission_token_hash).exists()
        ):
            raise AlreadyReceived from None
        raise
    return Submission(testimony=testimony, receipt_code=code)


def _save_new(testimony, several_writes, content_warnings, topics) -> None:
    # Inside a caller's transaction, a savepoint keeps it usable after a refused INSERT.
    atomic = several_writes or transaction.get_connection().in_atomic_block
    with transaction.atomic() if atomic else contextlib.nullcontext():
        testimony.save()
        if content_warnings:
            testimony.content_warnings.set(content_warnings)
        if topics:
            testimony.topics.set(topics)
        if testimony.kind == Testimony.Kind.METOO:
            _now_published(testimony)
        else:
            signals.screening_needed.send(Testimony, testimony_id=testimony.pk)


def testimony_publish(*, testimony: Testimony) -> None:
    """Make a testimony public, dated by the day only (the day it was first published)."""
    was_published = testimony.status == Testimony.Status.PUBLISHED
    _mark_published(testimony)
    testimony.rejection_reason = ""
    testimony.rejection_note = ""
    testimony.version += 1
    testimony.save()
    if was_published:  # approved again after reports: its words may have changed
        signals.public_text_changed.send(Testimony, testimony=testimony)
    else:
        _now_published(testimony)


def testimony_revise(
    *,
    testimony: Testimony,
    title: str,
    body: str,
    content_warnings: Iterable[ContentWarning] | None = None,
) -> bool:
    """Replace the words (a moderator's redaction or edit); True when anything changed."""
    title, body = clean_text(title), clean_text(body)
    changed = (title, body) != (testimony.title, testimony.body)
    if changed:
        testimony.title, testimony.body = title, body
        testimony.full_clean()
        testimony.version += 1
        testimony.save()
    if content_warnings is not None:
        testimony.content_warnings.set(content_warnings)
    if testimony.status == Testimony.Status.PUBLISHED:
        # Removed words must leave every public page, not wait for a cache to expire.
        signals.public_text_changed.send(Testimony, testimony=testimony)
    return changed


def testimony_reject(*, testimony: Testimony, reason: str, note: str = "") -> None:
    """Refuse to publish (or take down); the author reads the reason and the note."""
    _leaving_the_wall(testimony)
    testimony.status = Testimony.Status.REJECTED
    testimony.status_changed_at = timezone.now()
    testimony.rejection_reason = reason
    testimony.rejection_note = clean_text(note)
    testimony.version += 1
    testimony.save()


def testimony_hide(*, testimony: Testimony) -> None:
    """Take a published testimony off the wall until a moderator has looked at it."""
    _leaving_the_wall(testimony)
    testimony.status = Testimony.Status.HIDDEN
    testimony.status_changed_at = timezone.now()
    testimony.version += 1
    testimony.save()


def _mark_published(testimony: Testimony) -> None:
    now = timezone.now()
    testimony.status = Testimony.Status.PUBLISHED
    testimony.status_changed_at = now
    if testimony.published_at is None:
        testimony.published_at = now
        testimony.published_on = now.date()


def _now_published(testimony: Testimony) -> None:
    _tally(testimony, +1)
    signals.published.send(Testimony, testimony=testimony)


def _tally(testimony: Testimony, delta: int) -> None:
    """Count a testimony in (+1) or out of (-1) the published totals, in this transaction."""
    # A random shard spreads a surge over several rows instead of one row lock.
    shard = random.randrange(PublishedTally.SHARDS)
    _add(
        PublishedTally,
        {"day": testimony.published_on, "kind": testimony.kind, "shard": shard},
        delta,
    )
    _add(PublishedTotal, {"kind": testimony.kind, "shard": shard}, delta)


def _add(model, key: dict, delta: int) -> None:
    rows = model.objects.filter(**key)
    if not rows.update(count=F("count") + delta):
        try:
            with transaction.atomic():
                model.objects.create(**key, count=delta)
        except IntegrityError:  # another request created the row first
            rows.update(count=F("count") + delta)


@transaction.atomic
def tallies_rebuild() -> int:
    """Recount the published totals from the rows (after a bulk load, or to repair them)."""
    PublishedTally.objects.all().delete()
    totals = list(
        Testimony.objects.filter(status=Testimony.Status.PUBLISHED)
        .values("published_on", "kind")
        .annotate(n=Count("id"))
    )
    PublishedTally.objects.bulk_create(
        PublishedTally(day=row["published_on"], kind=row["kind"], shard=0, count=row["n"])
        for row in totals
    )
    PublishedTotal.objects.all().delete()
    by_kind = {}
    for row in totals:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
    PublishedTotal.objects.bulk_create(
        PublishedTotal(kind=kind, shard=0, count=n) for kind, n in by_kind.items()
    )
    signals.counts_rebuilt.send(Testimony)
    return sum(row["n"] for row in totals)


# --- The author's own changes ------------------------------------------------------------------


class EditRefused(Exception):
    """An author's edit that cannot be applied; the message says why, for the author."""


@transaction.atomic
def testimony_author_edit(
    *,
    testimony: Testimony,
    title: str,
    body: str,
    content_warnings: Iterable[ContentWarning],
    topics: Iterable[Topic],
    kind: str | None = None,
    language: str | None = None,
) -> Testimony:
    """The author rewrites it: it leaves the wall and goes back to screening and review.

    A statement may become a story and a story a statement (kind); a "me too" has no words to
    edit. Raises django.core.exceptions.ValidationError when the words break the kind's rules,
    with nothing changed.
    """
    if testimony.kind == Testimony.Kind.METOO:
        raise EditRefused(_("A “me too” has no words to edit."))
    if kind is not None and kind not in (Testimony.Kind.STATEMENT, Testimony.Kind.STORY):
        raise EditRefused(_("Please choose a short statement or a longer story."))
    before = (testimony.kind, testimony.language, testimony.title, testimony.body)
    testimony.kind = kind or testimony.kind
    testimony.language = language or testimony.language
    testimony.title, testimony.body = title, body
    try:
        testimony.full_clean()
    except ValidationError:
        testimony.kind, testimony.language, testimony.title, testimony.body = before
        raise
    _leaving_the_wall(testimony)
    testimony.status = Testimony.Status.PENDING
    testimony.status_changed_at = timezone.now()
    testimony.screening_requested_at = testimony.status_changed_at
    testimony.version += 1
    testimony.save()
    testimony.content_warnings.set(content_warnings)
    testimony.topics.set(topics)
    signals.screening_needed.send(Testimony, testimony_id=testimony.pk)
    return testimony


class AppealRefused(Exception):
    pass


@transaction.atomic
def testimony_appeal(*, testimony: Testimony, note: str) -> Testimony:
    """Ask once for a rejected testimony to be looked at again; it goes to the appeals list."""
    if testimony.status != Testimony.Status.REJECTED or testimony.appealed_at is not None:
        raise AppealRefused
    testimony.appealed_at = timezone.now()
    testimony.screening_requested_at = testimony.appealed_at
    testimony.appeal_note = clean_text(note)
    testimony.version += 1
    testimony.save()
    # Screening routes an appealed, rejected testimony to the moderators' appeals list.
    signals.screening_needed.send(Testimony, testimony_id=testimony.pk)
    return testimony


@transaction.atomic
def testimony_withdraw(*, testimony: Testimony) -> None:
    """Delete it for good, at once: its words, findings, reports and place in the queue.

    The audit log keeps the decisions already taken, without their text: moderation purges
    every copy of the words it kept when it hears "withdrawn".
    """
    _leaving_the_wall(testimony)
    signals.withdrawn.send(Testimony, testimony=testimony)
    testimony.delete()


def _leaving_the_wall(testimony: Testimony) -> None:
    if testimony.status == Testimony.Status.PUBLISHED:
        _tally(testimony, -1)
        signals.left_the_wall.send(Testimony, testimony=testimony)


@transaction.atomic
def account_delete(*, user: AbstractBaseUser, keep_published: bool) -> None:
    """Delete an account and its testimonies, or keep the published ones with no author."""
    if keep_published:
        Testimony.objects.filter(author=user, status=Testimony.Status.PUBLISHED).update(author=None)
    for testimony in Testimony.objects.filter(author=user):
        testimony_withdraw(testimony=testimony)
    user.delete()
