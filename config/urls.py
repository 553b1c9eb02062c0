from django.contrib import admin
from django.urls import include, path

import config.admin  # noqa: F401  The admin requires two-factor sign-in: see config/admin.py.
from moderation.views import report

from .health import healthz
from .metrics import metrics

urlpatterns = [
    path("", include("testimonies.urls")),
    path("", include("wall.urls")),
    # Readers report from a testimony's page; the report goes to moderation.
    path("t/<slug:public_id>/report/", report, name="report"),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
]
