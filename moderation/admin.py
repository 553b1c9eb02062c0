from django.contrib import admin

from .models import Screening


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    list_display = ["testimony", "risk_score", "screened_at"]
    readonly_fields = ["testimony", "findings", "risk_score", "testimony_version", "screened_at"]
