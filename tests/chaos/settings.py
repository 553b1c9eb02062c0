"""Settings of the web servers and workers the fault suite starts: production's, but for
static files served without a manifest (no collectstatic before each run)."""

from config.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
