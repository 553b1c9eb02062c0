from django.contrib import admin
from django.urls import include, path

import config.admin  # noqa: F401  The admin requires two-factor sign-in: see config/admin.py.
from moderation.views import report

from . import health

urlpatterns = [
    path("", include("testimonies.urls")),
    # Readers report from a testimony's page; the report goes to moderation.
    path("t/<slug:public_id>/report/", report, name="report"),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("admin/", admin.site.urls),
    # For load balancers and monitoring: see config/health.py and README.md.
    path("healthz", health.healthz, name="healthz"),
    path("healthz/live", health.live, name="healthz-live"),
    path("healthz/ready", health.ready, name="healthz-ready"),
]
