"""Time limits on the database: a query that does not answer is given up, not waited for."""

import time

import pytest
from django.db import DatabaseError, connection

from config.database import deadline
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


def test_a_query_that_answers_in_time_is_left_alone(on_postgres):
    with deadline(5), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert connection.is_usable()
