"""Bounds on how long anything waits for the database, and where they are lifted."""

import contextlib
import heapq
import itertools
import logging
import os
import socket
import threading
import time
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections

logger = logging.getLogger(__name__)


def without_statement_timeout(**_signal_kwargs) -> None:
    """Lift DATABASE_STATEMENT_TIMEOUT_MS for this process's connection: migrations, bulk loads
    and benchmarks legitimately run statements longer than any request should."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


class DatabaseUnavailable(DatabaseError):
    """The database failed in a way Django did not translate into a DatabaseError."""


def cut_connection(wrapper) -> bool:
    """Shut the socket of ``wrapper``'s open connection, from any thread: whatever waits on it
    fails at once. False if there was no open connection to cut."""
    raw = getattr(wrapper.connection, "pgconn", None)
    if raw is None:
        return False
    try:
        fileno = raw.socket
    except wrapper.Database.Error:  # the connection is already lost
        return False
    if fileno < 0:
        return False
    with socket.socket(fileno=os.dup(fileno)) as sock, contextlib.suppress(OSError):
        # Not connected (the server went first) is as cut as it gets.
        sock.shutdown(socket.SHUT_RDWR)
    return True


class _Alarms:
    """One thread that runs each armed action when its time comes, for the whole process.

    A threading.Timer per deadline started a thread per request: about 0.2 ms, more than a
    query. Here arming is a heap push. Disarmed alarms are dropped when they reach the top, so
    the thread wakes about once per deadline period, however many requests armed one.
    """

    def __init__(self):
        self._reset()
        # A child forked while the parent's thread held the lock must not inherit either.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._condition = threading.Condition()
        self._due: list[tuple[float, int, list]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, action: Callable[[], None]) -> list:
        alarm = [action]
        with self._condition:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="deadlines", daemon=True)
                self._thread.start()
            heapq.heappush(self._due, (time.monotonic() + seconds, next(self._order), alarm))
            if self._due[0][2] is alarm:
                self._condition.notify()
        return alarm

    @staticmethod
    def disarm(alarm: list) -> None:
        alarm[0] = None

    def _run(self):
        while True:
            with self._condition:
                while True:
                    while self._due and self._due[0][2][0] is None:
                        heapq.heappop(self._due)
                    now = time.monotonic()
                    if self._due and self._due[0][0] <= now:
                        alarm = heapq.heappop(self._due)[2]
                        action, alarm[0] = alarm[0], None
                        break
                    self._condition.wait(self._due[0][0] - now if self._due else None)
            try:
                action()
            except Exception:
                logger.exception("A deadline's action failed")


_alarms = _Alarms()


@contextlib.contextmanager
def deadline(seconds: float):
    """Give up on the database after ``seconds``, even if it hangs without a word.

    connect_timeout bounds connecting and statement_timeout a slow statement, but a server that
    is frozen (its kernel still acknowledging every packet) answers neither: a query on an open
    connection would wait for ever. An alarm (one thread for the process) shuts this
    connection's socket when the deadline passes, so the waiting query fails at once with a
    DatabaseError and the caller can answer; Django opens a new connection next time.

    Every failure of the database inside the block reaches the caller as a DatabaseError. Django
    wraps the driver's errors on execute and fetch, not on closing a cursor: when a connection
    dies while a server-side cursor is being read (a form's choices, an ``iterator()``), the
    cursor's close raises psycopg's own OperationalError in place of Django's, and a caller's
    ``except DatabaseError`` would miss it (a 500 instead of the words given back).
    """
    if connection.vendor != "postgresql" or seconds <= 0:
        yield
        return
    # This thread's connection: the alarm runs in a thread of its own, with its own.
    wrapper = connections[DEFAULT_DB_ALIAS]
    lock = threading.Lock()
    state = {"done": False}

    def cut():
        with lock:
            if state["done"]:
                return
            if cut_connection(wrapper):
                logger.warning("The database did not answer within %s s: connection cut", seconds)

    alarm = _alarms.arm(seconds, cut)
    try:
        yield
    except DatabaseError:
        raise
    except wrapper.Database.Error as error:
        # As Django does for the errors it wraps: this connection is not to be used again.
        wrapper.errors_occurred = True
        raise DatabaseUnavailable(*error.args) from error
    finally:
        # Under the lock: once the block is left, a cut already under way has finished, and
        # none starts after, on a connection that has moved on to other work.
        with lock:
            state["done"] = True
        _alarms.disarm(alarm)
