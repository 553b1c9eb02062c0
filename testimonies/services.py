"""Every write to a testimony goes through here: submitting, publishing."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from moderation.screening import screening_request

from .models import ContentWarning, Testimony, Topic


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
    """Make a testimony public, dated by the day only."""
    _mark_published(testimony)
    testimony.save(update_fields=["status", "published_at", "published_on"])


def _mark_published(testimony: Testimony) -> None:
    now = timezone.now()
    testimony.status = Testimony.Status.PUBLISHED
    testimony.published_at = now
    testimony.published_on = now.date()
