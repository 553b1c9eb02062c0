"""Every write to a testimony goes through here: submitting, publishing."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from moderation.screening import screening_request

from .models import ContentWarning, Testimony, Topic
from .text import clean_text


@transaction.atomic
def testimony_submit(
    *,
    kind: str,
    body: str = "",
    title: str = "",
    content_warnings: Iterable[ContentWarning] = (),
    topics: Iterable[Topic] = (),
    author: AbstractBaseUser | None = None,
) -> Testimony:
    """Save a testimony in one transaction; words go to screening once it has committed.

    A bare "me too" has nothing to screen: it is published, and so counted, at once.
    The caller has cleaned the text (testimonies.text.clean_text); the model's rules are
    checked again here so no caller can store what the form would refuse.
    """
    testimony = Testimony(kind=kind, body=body, title=title, author=author)
    if kind == Testimony.Kind.METOO:
        _mark_published(testimony)
    testimony.full_clean()
    testimony.save()
    testimony.content_warnings.set(content_warnings)
    testimony.topics.set(topics)
    if kind != Testimony.Kind.METOO:
        # After commit, so a worker never looks for a row it cannot see yet; if the broker is
        # down the row stays unscreened and the sweeper hands it out later.
        screening_request(testimony_id=testimony.pk)
    return testimony


def testimony_publish(*, testimony: Testimony) -> None:
    """Make a testimony public, dated by the day only (the day it was first published)."""
    _mark_published(testimony)
    testimony.rejection_reason = ""
    testimony.rejection_note = ""
    testimony.version += 1
    testimony.save()


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
    return changed


def testimony_reject(*, testimony: Testimony, reason: str, note: str = "") -> None:
    """Refuse to publish (or take down); the author reads the reason and the note."""
    testimony.status = Testimony.Status.REJECTED
    testimony.status_changed_at = timezone.now()
    testimony.rejection_reason = reason
    testimony.rejection_note = clean_text(note)
    testimony.version += 1
    testimony.save()


def testimony_hide(*, testimony: Testimony) -> None:
    """Take a published testimony off the wall until a moderator has looked at it."""
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
