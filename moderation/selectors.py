"""Moderation reads."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from testimonies.models import Testimony


def unscreened_testimonies(*, older_than: timedelta) -> QuerySet[Testimony]:
    """Pending testimonies that have waited longer than ``older_than`` with no screening."""
    return Testimony.objects.filter(
        status=Testimony.Status.PENDING,
        screening__isnull=True,
        created_at__lt=timezone.now() - older_than,
    ).order_by("created_at")
