from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

import config.admin  # noqa: F401  The admin requires two-factor sign-in: see config/admin.py.
from moderation.views import report

from . import health
from .metrics import metrics

urlpatterns = [
    path("", include("testimonies.urls")),
    path("", include("wall.urls")),
    # Readers report from a testimony's page; the report goes to moderation.
    path("t/<slug:public_id>/report/", report, name="report"),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("admin/", admin.site.urls),
    # For load balancers and monitoring: see config/health.py and README.md.
    path("healthz", health.healthz, name="healthz"),
    path("healthz/live", health.live, name="healthz-live"),
    path("healthz/ready", health.ready, name="healthz-ready"),
    path("metrics", metrics, name="metrics"),
    # The language switcher is on every page, also the wall's pages that are cached whole and
    # so carry no CSRF token. A forged post could only change the reader's language cookie.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]
