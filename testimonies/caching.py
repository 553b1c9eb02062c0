"""The public pages' cache: one generation number, bumped whenever the published set changes.

Cached values (the wall's first pages, the counter, the statistics) are keyed by the current
generation, so bumping it makes all of them stale at once, on every process that shares the
cache. Entries also expire by themselves, in case a bump is lost in a cache outage.

Each process keeps a near copy ("near" in CACHES, in its own memory) of the generation for
PUBLIC_CACHE_NEAR_SECONDS, and of the values it has read under it. A page that has not changed
then costs no round trip to the shared cache, and during a surge, when every "me too" bumps
the generation, each process renders the wall at most about once per that many seconds.
"""

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches

from .app_settings import app_settings

T = TypeVar("T")

GENERATION_KEY = "public:generation"
TIMEOUT = 300
SLOW_TIMEOUT = 60


def _generation() -> int:
    near = caches["near"]
    generation = near.get(GENERATION_KEY)
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, 1, timeout=None)
            generation = cache.get(GENERATION_KEY) or 1
        near.set(GENERATION_KEY, generation, timeout=app_settings.PUBLIC_CACHE_NEAR_SECONDS)
    return generation


def public_cache_bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (evicted?): a random new one cannot meet old entries
        cache.set(GENERATION_KEY, secrets.randbelow(1 << 40) + 2, timeout=None)
    # This process sees its own change at once; the others within PUBLIC_CACHE_NEAR_SECONDS.
    caches["near"].delete(GENERATION_KEY)


def cached(name: str, compute: Callable[[], T], *, follow_changes: bool = True) -> T:
    """compute(), cached under name: until the published set changes, or for TIMEOUT.

    follow_changes=False keeps the value for a minute whatever changes: for figures too costly
    to recompute on every publication during a surge, and that name no testimony.
    """
    if follow_changes:
        key, timeout = f"public:{_generation()}:{name}", TIMEOUT
        # A value kept under a generation can never be stale: only the generation can.
        near_timeout = timeout
    else:
        key, timeout = f"public:slow:{name}", SLOW_TIMEOUT
        near_timeout = app_settings.PUBLIC_CACHE_NEAR_SECONDS
    near = caches["near"]
    value = near.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, timeout=timeout)
        near.set(key, value, timeout=near_timeout)
    return value
