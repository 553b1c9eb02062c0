"""/healthz: is the process up (liveness), and can it reach the database, cache and broker."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from . import __version__
from .celery import app as celery_app

logger = logging.getLogger(__name__)


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache() -> bool:
    # The Redis cache swallows connection errors (a miss, not a 500), so only a round trip
    # tells whether it is really there.
    key, value = "healthz", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    return cache.get(key) == value


def _broker() -> bool:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return True


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = "ok" if check() else "failing"
        except Exception:
            logger.warning("Health check %s failed", name, exc_info=True)
            results[name] = "failing"
    ready = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"live": True, "ready": ready, "checks": results, "version": __version__},
        status=200 if ready else 503,
    )
