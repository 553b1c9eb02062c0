from django.contrib import admin

from .models import AuditEntry, QueueItem, Report, Screening, WatchWord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to administrators, changed only through the moderation services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "actor_name",
        "action",
        "reason",
        "testimony_public_id",
        "testimony_version",
    ]
    list_filter = ["action", "reason"]
    search_fields = ["testimony_public_id", "actor__username", "actor_label"]
    date_hierarchy = "created_at"


@admin.register(Screening)
class ScreeningAdmin(ReadOnlyAdmin):
    list_display = ["testimony", "risk_score", "screened_at"]


@admin.register(QueueItem)
class QueueItemAdmin(ReadOnlyAdmin):
    list_display = [
        "testimony",
        "reason",
        "is_open",
        "created_at",
        "claimed_by",
        "lease_expires_at",
    ]
    list_filter = ["reason", "is_open"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["testimony", "reason", "created_at"]
    list_filter = ["reason"]
    exclude = ["reader_key"]


@admin.register(WatchWord)
class WatchWordAdmin(admin.ModelAdmin):
    list_display = ["phrase", "severity"]
    list_filter = ["severity"]
    search_fields = ["phrase"]
