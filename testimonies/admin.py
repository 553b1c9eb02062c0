from django.contrib import admin

from . import signals
from .models import ContentWarning, CrisisResource, Testimony, Topic


@admin.register(Topic, ContentWarning)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Testimony)
class TestimonyAdmin(admin.ModelAdmin):
    list_display = ["public_id", "kind", "status", "published_on"]
    list_filter = ["kind", "status"]
    search_fields = ["public_id"]
    # Decisions go through the moderation queue, which keeps the audit log: not through here.
    readonly_fields = ["public_id", "kind", "title", "body", "status", "published_on", "author"]
    exclude = ["content_warnings", "topics"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            # What an administrator changes here is a decision too: moderation writes it to
            # the audit log.
            signals.changed_by_admin.send(
                Testimony,
                testimony=obj,
                user=request.user,
                changes={field: form.cleaned_data.get(field) for field in form.changed_data},
            )


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ["region", "name", "country", "language", "phone", "position"]
    list_editable = ["position"]
    list_filter = ["language", "country"]
