"""Settings for the test suite: the environment's services, minus what only slows tests down."""

import os
from pathlib import Path

os.environ.setdefault("HTTPS", "0")
# Tests never share a broker folder with `make run`.
os.environ.setdefault(
    "BROKER_DIR", str(Path(__file__).resolve().parent.parent / "var" / "test-broker")
)
os.environ.setdefault("CACHE_KEY_PREFIX", "metoo-test")
os.environ.setdefault("CELERY_QUEUE", "metoo-test")
# Creating, flushing and dropping test databases may wait on other sessions longer than any
# request should; the fault suite gives its servers the production timeout explicitly.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "0")

from .settings import *  # noqa: F403
from .settings import DATABASES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real worker process can open the same test database; one
    # per run, so two runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

# A submission's screening job is sent in the request, so a test sees it sent (or refused by a
# broker it stopped) before it goes on; the batches have their own test.
MODERATION_SCREENING_BATCH_SECONDS = 0
