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
    """The database did not answer within the deadline."""


@contextlib.contextmanager
def deadline(seconds: float):
    """Give up on the database after ``seconds``, even if it hangs without a word.

    connect_timeout bounds connecting and statement_timeout a slow statement, but a server that
    is frozen (its kernel still acknowledging every packet) answers neither: a query on an open
    connection would wait for ever. A timer shuts this connection's socket when the deadline
    passes, so the waiting query fails at once with a DatabaseError and the caller can answer;
    Django opens a new connection next time.
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
            raw = getattr(wrapper.connection, "pgconn", None)
            if raw is None or raw.socket < 0:
                return
            logger.warning("The database did not answer within %s s: connection cut", seconds)
            with socket.socket(fileno=os.dup(raw.socket)) as sock:
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(seconds, cut)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
