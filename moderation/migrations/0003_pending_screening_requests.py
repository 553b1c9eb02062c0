"""Mark what already waits for screening, so the sweeper finds it like every new request.

Before testimonies.0009, only a pending testimony never screened was swept. This finds the
others a lost message left behind: an author's edit not screened again (or screened but never
queued), and an appeal that never reached the appeals list.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def mark_waiting(apps, schema_editor):
    Testimony = apps.get_model("testimonies", "Testimony")
    Screening = apps.get_model("moderation", "Screening")
    QueueItem = apps.get_model("moderation", "QueueItem")
    screened_version = Subquery(
        Screening.objects.filter(testimony=OuterRef("pk")).values("testimony_version")[:1]
    )
    open_items = QueueItem.objects.filter(is_open=True)
    pending = (
        Testimony.objects.filter(status="pending", screening_requested_at__isnull=True)
        .exclude(kind="metoo")
        .annotate(screened_version=screened_version)
        .filter(
            Q(screened_version__isnull=True)
            | ~Q(screened_version=F("version"))
            | ~Q(pk__in=open_items.values("testimony"))
        )
    )
    pending.update(screening_requested_at=Coalesce("status_changed_at", "created_at"))
    appeals = Testimony.objects.filter(
        status="rejected", appealed_at__isnull=False, screening_requested_at__isnull=True
    ).exclude(pk__in=QueueItem.objects.filter(reason="appeal").values("testimony"))
    appeals.update(screening_requested_at=F("appealed_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_moderators_group"),
        ("testimonies", "0010_screening_requests_and_submission_tokens"),
    ]
    operations = [migrations.RunPython(mark_waiting, migrations.RunPython.noop)]
