"""A celery beat scheduler that refuses to be the second one running.

Two beats would send every periodic job twice. With Redis, each beat takes a lock that it
renews at every tick; a second beat finds it held, sends nothing and waits, and takes over
within LOCK_SECONDS if the first one dies. On the embedded defaults (no Redis, one machine)
there is nothing to share a lock through, and `make run` starts one beat.
The periodic jobs are harmless when run twice anyway (tests/moderation/test_pending_requests.py).
"""

import contextlib
import logging
import uuid

import redis
from celery.beat import PersistentScheduler
from django.conf import settings

logger = logging.getLogger(__name__)

# Take the lock, or renew it when it is already ours; 1 when we hold it afterwards.
_TAKE_OR_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class SingleBeatScheduler(PersistentScheduler):
    # How long the lock outlives a beat that stopped renewing it (killed, frozen, cut off).
    LOCK_SECONDS = 90

    def __init__(self, *args, **kwargs):
        self._token = uuid.uuid4().hex
        self._redis = (
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
            if settings.REDIS_URL
            else None
        )
        self._holding = False
        super().__init__(*args, **kwargs)

    @property
    def lock_key(self) -> str:
        # One beat per queue: deployments sharing a Redis keep apart as their queues do.
        return f"beat-lock:{settings.CELERY_TASK_DEFAULT_QUEUE}"

    def holds_lock(self) -> bool:
        if self._redis is None:
            return True
        try:
            held = bool(
                self._redis.eval(
                    _TAKE_OR_RENEW, 1, self.lock_key, self._token, self.LOCK_SECONDS * 1000
                )
            )
        except redis.RedisError as error:
            # Without Redis the broker is unreachable too: nothing could be sent anyway.
            logger.warning("Beat lock not checked (%s): no periodic job sent", type(error).__name__)
            held = False
        if held != self._holding:
            logger.warning(
                "This beat %s", "sends the periodic jobs" if held else "waits: another beat runs"
            )
            self._holding = held
        return held

    def tick(self, *args, **kwargs):
        # Woken at least three times per lock period, so the lock never lapses while we live.
        renew_every = self.LOCK_SECONDS / 3
        if not self.holds_lock():
            return renew_every
        return min(super().tick(*args, **kwargs), renew_every)

    def close(self):
        super().close()
        if self._redis is not None and self._holding:
            # If Redis cannot be told, the lock lapses by itself.
            with contextlib.suppress(redis.RedisError):
                self._redis.eval(_RELEASE, 1, self.lock_key, self._token)
