"""Project configuration: settings, URLs, the WSGI entry point and the Celery app."""

from .celery import app as celery_app

# The one place the version is written: pyproject.toml reads it from here, and the admin's
# header and /healthz show it. Keep CHANGELOG.md in step.
__version__ = "0.1.0"

__all__ = ("__version__", "celery_app")
