"""A flood from one client against the real share view, the real limiter and real Redis."""

import threading

import pytest
from django.db import connection
from django.test import Client

from testimonies.models import Testimony


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_50_concurrent_submissions_from_one_client_admits_exactly_5(redis_url, settings):
    settings.RATELIMITS = {"share": ["5/h"]}
    barrier = threading.Barrier(50)
    statuses = []

    def submit(n):
        client = Client(REMOTE_ADDR="192.0.2.50")
        try:
            barrier.wait()
            response = client.post("/share/", {"kind": "statement", "body": f"burst {n}"})
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] * 5 + [429] * 45
    assert Testimony.objects.count() == 5
