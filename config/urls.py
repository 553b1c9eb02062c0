from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

import config.admin  # noqa: F401  The admin requires two-factor sign-in: see config/admin.py.
from moderation.views import report

from .health import healthz

urlpatterns = [
    path("", include("testimonies.urls")),
    path("", include("wall.urls")),
    # Readers report from a testimony's page; the report goes to moderation.
    path("t/<slug:public_id>/report/", report, name="report"),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("moderation.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # The language switcher is on every page, also the wall's pages that are cached whole and
    # so carry no CSRF token. A forged post could only change the reader's language cookie.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]
