"""The public pages' cache: one generation number, bumped whenever the published set changes.

Cached values (the wall's first pages, the counter, the statistics) are keyed by the current
generation, so bumping it makes all of them stale at once, on every process that shares the
cache. Entries also expire by themselves, in case a bump is lost in a cache outage.
"""

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

GENERATION_KEY = "public:generation"
TIMEOUT = 300


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY) or 1
    return generation


def public_cache_bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (evicted?): a random new one cannot meet old entries
        cache.set(GENERATION_KEY, secrets.randbelow(1 << 40) + 2, timeout=None)


def cached(name: str, compute: Callable[[], T], *, follow_changes: bool = True) -> T:
    """compute(), cached under name: until the published set changes, or for TIMEOUT.

    follow_changes=False keeps the value for a minute whatever changes: for figures too costly
    to recompute on every publication during a surge, and that name no testimony.
    """
    key = f"public:{_generation()}:{name}" if follow_changes else f"public:slow:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT if follow_changes else 60)
    return value
