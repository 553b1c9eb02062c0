"""Time limits on the database: a query that does not answer is given up, not waited for."""

import threading
import time

import psycopg
import pytest
from django.db import DatabaseError, connection

from config import database
from config.database import cut_connection, deadline
from testimonies.models import Topic

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_query_still_waiting_at_the_deadline_fails_at_once(on_postgres):
    started = time.monotonic()
    with pytest.raises(DatabaseError), deadline(0.3), connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(4)")
    # The server ends its sleep by itself soon after: the session is gone before teardown.
    assert time.monotonic() - started < 3
    connection.close_if_unusable_or_obsolete()  # what Django does between requests


def test_the_next_request_gets_a_working_connection_after_a_cut(on_postgres):
    with pytest.raises(DatabaseError), deadline(0.3), connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(4)")
    connection.close_if_unusable_or_obsolete()  # what Django does between requests

    assert Topic.objects.exists() in (True, False)


def test_a_connection_lost_as_a_server_side_cursor_closes_is_a_database_error(
    on_postgres, monkeypatch
):
    # A form's choices are read with iterator(), a server-side cursor on PostgreSQL. Django wraps
    # the driver's errors on execute and fetch, not on close: a connection lost between the last
    # fetch and the cursor's CLOSE (CI met it, a deadline firing there) raised psycopg's own
    # error, which the share page's `except DatabaseError` missed: a 500, the words not given back.
    close = psycopg.ServerCursor.close

    def lost_then_close(cursor):
        assert cut_connection(connection)
        close(cursor)

    monkeypatch.setattr(psycopg.ServerCursor, "close", lost_then_close)
    Topic.objects.get_or_create(slug="work", defaults={"name": "Work"})
    with pytest.raises(DatabaseError), deadline(30):
        list(Topic.objects.values_list("slug").iterator())
    monkeypatch.undo()
    connection.close_if_unusable_or_obsolete()  # what Django does between requests

    assert Topic.objects.filter(slug="work").exists()


def test_a_query_that_answers_in_time_is_left_alone(on_postgres):
    with deadline(5), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert connection.is_usable()


def test_a_deadline_left_in_time_never_cuts_the_connection_afterwards(on_postgres):
    for _ in range(50):
        with deadline(0.2), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    # Alarms fall due in order, one after the other in the alarm thread: once one armed after
    # the fifty has gone off, each of theirs has been run or dropped.
    after_them = threading.Event()
    database._alarms.arm(0.2, after_them.set)
    assert after_them.wait(timeout=30)
    assert connection.is_usable()
