"""Health checks for load balancers and monitoring, each answered within DEADLINE seconds.

- /healthz/live: the process is up and serving (restart it if not).
- /healthz/ready: the database answers, so the site can save what a survivor sends (send it
  traffic). The cache and the broker are reported, as "degraded" when they fail: the site
  works without them (a cache miss; screening requests wait for the sweeper).
- /healthz: everything at once, 503 if anything fails (kept for compatibility; monitoring).

Each check runs in a thread of its own, and whatever has not answered by the deadline is
"timeout": a hung database or Redis never hangs the health check with it.
"""

import logging
import threading
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from . import __version__
from .celery import app as celery_app

logger = logging.getLogger(__name__)

# Seconds within which every health check answers, whatever hangs.
DEADLINE = 2.0


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        # The check's own thread has its own connection: close it rather than leave it open.
        connection.close()


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
# What readiness needs; the others only degrade the service.
READY_NEEDS = ("database",)


def _run(name: str, check, results: dict) -> None:
    try:
        results[name] = "ok" if check() else "failing"
    except Exception:
        logger.warning("Health check %s failed", name, exc_info=True)
        results[name] = "failing"


def run_checks(deadline: float = DEADLINE) -> dict[str, str]:
    """Every check's result, "ok", "failing" or "timeout", within ``deadline`` seconds."""
    results: dict[str, str] = {}
    threads = [
        threading.Thread(
            target=_run, args=(name, check, results), daemon=True, name=f"healthz-{name}"
        )
        for name, check in CHECKS.items()
    ]
    for thread in threads:
        thread.start()
    end = time.monotonic() + deadline
    for thread in threads:
        thread.join(max(0.0, end - time.monotonic()))
    # A check still running is abandoned; it ends when its own timeouts do.
    return {name: results.get(name, "timeout") for name in CHECKS}


@never_cache
def live(request):
    return JsonResponse({"live": True})


@never_cache
def ready(request):
    results = run_checks()
    is_ready = all(results[name] == "ok" for name in READY_NEEDS)
    checks = {
        name: result if name in READY_NEEDS or result == "ok" else "degraded"
        for name, result in results.items()
    }
    return JsonResponse({"ready": is_ready, "checks": checks}, status=200 if is_ready else 503)


@never_cache
def healthz(request):
    results = run_checks()
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"live": True, "ready": healthy, "checks": results, "version": __version__},
        status=200 if healthy else 503,
    )
