"""The Celery app: Redis as broker when REDIS_URL is set, else a local folder (no server)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("metoo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
