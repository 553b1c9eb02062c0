import threading
import time

import pytest

from config import __version__, health
from tests.conftest import broker_outage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hung(monkeypatch):
    """Make a check hang until the test ends, as a frozen server would."""
    released = threading.Event()

    def hang(name):
        monkeypatch.setitem(health.CHECKS, name, lambda: released.wait() and False)

    yield hang
    released.set()


def test_healthz_reports_database_cache_and_broker_ready(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "live": True,
        "ready": True,
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
        "version": __version__,
    }


def test_healthz_says_not_ready_when_the_broker_is_unreachable(client):
    with broker_outage():
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["live"] is True
    assert body["ready"] is False
    assert body["checks"]["broker"] == "failing"
    assert body["checks"]["database"] == "ok"


def test_live_says_the_process_is_up_without_asking_anything_else(client, hung):
    hung("database")
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"live": True}


def test_ready_stays_ready_with_the_broker_down_and_says_it_is_degraded(client):
    with broker_outage():
        response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "checks": {"database": "ok", "cache": "ok", "broker": "degraded"},
    }


def test_ready_is_not_ready_when_the_database_hangs_and_still_answers_in_time(client, hung):
    hung("database")
    started = time.monotonic()
    response = client.get("/healthz/ready")
    # Bounded by the deadline, not by the hang (which lasts until the test ends).
    assert time.monotonic() - started < health.DEADLINE + 5
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "timeout"


def test_a_hung_cache_leaves_the_site_ready_and_the_overall_check_answers_in_time(client, hung):
    hung("cache")
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "degraded"

    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < health.DEADLINE + 5
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "timeout"
