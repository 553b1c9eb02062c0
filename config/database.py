"""Bounds on how long anything waits for the database, and where they are lifted."""

import contextlib
import logging
import os
import socket
import threading

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


@contextlib.contextmanager
def deadline(seconds: float):
    """Give up on the database after ``seconds``, even if it hangs without a word.

    connect_timeout bounds connecting and statement_timeout a slow statement, but a server that
    is frozen (its kernel still acknowledging every packet) answers neither: a query on an open
    connection would wait for ever. A timer shuts this connection's socket when the deadline
    passes, so the waiting query fails at once with a DatabaseError and the caller can answer;
    Django opens a new connection next time.

    Every failure of the database inside the block reaches the caller as a DatabaseError. Django
    wraps the driver's errors on execute and fetch, not on closing a cursor: when a connection
    dies while a server-side cursor is being read (a form's choices, an ``iterator()``), the
    cursor's close raises psycopg's own OperationalError in place of Django's, and a caller's
    ``except DatabaseError`` would miss it (a 500 instead of the words given back).
    """
    if connection.vendor != "postgresql" or seconds <= 0:
        yield
        return
    # This thread's connection: the timer runs in a thread of its own, with its own.
    wrapper = connections[DEFAULT_DB_ALIAS]
    lock = threading.Lock()
    state = {"done": False}

    def cut():
        with lock:
            if state["done"]:
                return
            if cut_connection(wrapper):
                logger.warning("The database did not answer within %s s: connection cut", seconds)

    timer = threading.Timer(seconds, cut)
    timer.daemon = True
    timer.start()
    try:
        yield
    except DatabaseError:
        raise
    except wrapper.Database.Error as error:
        # As Django does for the errors it wraps: this connection is not to be used again.
        wrapper.errors_occurred = True
        raise DatabaseUnavailable(*error.args) from error
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
