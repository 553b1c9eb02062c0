import pytest

from config import __version__
from tests.conftest import broker_outage

pytestmark = pytest.mark.django_db


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
