"""The public pages' cache: every cached public value is keyed by the generation of what the
public sees, and the generation is the only thing that ever needs invalidating.

The generation is the sum of wall.models.PublicChange, bumped by public_change_record inside
the transaction of every change the public could see (wall/apps.py connects it to the facts
the testimonies app sends, and to admin edits of labels and crisis resources). Because it is
in the database, a change and its bump commit together: a Redis outage can cost cached pages,
never a bump, so no page rendered before a take-down is served under a newer generation.

Each process keeps its own copy of the generation ("near" in CACHES) for
PUBLIC_CACHE_NEAR_SECONDS, and the values it read under it. So a change made in this process
is public at once, a change made anywhere else within that bound, and a busy page costs no
round trip at all; during a surge each process renders a page at most about once per bound.
If Redis is away, values are computed from the database and kept in the near cache only.

Keys are built only from validated input (wall.selectors.WallQuery): the number of keys under
one generation is bounded by the pages that exist, never by what a visitor types.
"""

import hashlib
import random
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches
from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from .app_settings import app_settings
from .models import PublicChange

T = TypeVar("T")

GENERATION_KEY = "public:generation"
# A value is only ever replaced by a new generation; this bounds what an unused one keeps.
TIMEOUT = 300
SLOW_TIMEOUT = 60


def generation() -> int:
    """The current generation, as this process last read it (at most NEAR_SECONDS ago)."""
    near = caches["near"]
    value = near.get(GENERATION_KEY)
    if value is None:
        value = PublicChange.objects.aggregate(total=Sum("count"))["total"] or 0
        near.set(GENERATION_KEY, value, timeout=app_settings.PUBLIC_CACHE_NEAR_SECONDS)
    return value


def public_change_record() -> None:
    """Count a change to what the public sees, in the caller's transaction."""
    shard = random.randrange(PublicChange.SHARDS)
    rows = PublicChange.objects.filter(shard=shard)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                PublicChange.objects.create(shard=shard, count=1)
        except IntegrityError:  # another transaction created the shard first
            rows.update(count=F("count") + 1)
    # This process sees its own change at once; the others within NEAR_SECONDS.
    transaction.on_commit(lambda: caches["near"].delete(GENERATION_KEY), robust=True)


def cached(
    name: str,
    compute: Callable[[], T | None],
    *,
    follow_changes: bool = True,
    this_process_only: bool = False,
) -> T | None:
    """compute(), kept under name until what the public sees changes.

    A None from compute (nothing to show) is returned, never kept. follow_changes=False keeps
    the value for SLOW_TIMEOUT whatever changes: for figures too costly to recompute on every
    change during a surge, that name no testimony and show no words.

    this_process_only=True is for values named after what visitors type (searches): they are
    kept in this process's "searches" cache alone, whose size is bounded (MAX_ENTRIES), so no
    amount of typing can fill Redis or push the wall's pages out of the near cache.
    """
    if this_process_only:
        local = caches["searches"]
        key = f"public:{generation()}:{hashlib.sha256(name.encode()).hexdigest()}"
        value = local.get(key)
        if value is None:
            value = compute()
            if value is not None:
                local.set(key, value, timeout=TIMEOUT)
        return value
    if follow_changes:
        key, timeout = f"public:{generation()}:{name}", TIMEOUT
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
            if value is None:
                return None
            cache.set(key, value, timeout=timeout)
        near.set(key, value, timeout=near_timeout)
    return value
