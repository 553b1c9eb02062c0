"""A flood from one client against the real share view, the real limiter and real Redis."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from testimonies.models import Testimony


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_50_concurrent_submissions_from_one_client_admits_exactly_5(redis_url, settings):
    settings.RATELIMITS = {"share": ["5/h"]}
    # Fifty threads of one process share one interpreter lock: on a busy two-core machine the
    # last of them waits longer than the deadline meant for a frozen database, which would then
    # cut its connection (a 503 with the words given back, tests/test_database.py). This test
    # is about the limiter, so the deadline is out of its way.
    settings.DATABASE_REQUEST_DEADLINE_SECONDS = 600
    barrier = threading.Barrier(50)
    statuses, errors = [], []

    def submit(n):
        client = Client(REMOTE_ADDR="192.0.2.50")
        try:
            barrier.wait()
            response = client.post("/share/", {"kind": "statement", "body": f"burst {n}"})
            statuses.append(response.status_code)
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    give_up = time.monotonic() + 300
    for thread in threads:
        thread.join(timeout=max(0, give_up - time.monotonic()))

    assert not errors
    assert not [thread for thread in threads if thread.is_alive()], "every request is answered"
    assert sorted(statuses) == [200] * 5 + [429] * 45
    assert Testimony.objects.count() == 5
