"""Shared fixtures: the services the suite runs against, and how to say one is missing."""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def service_missing(reason: str):
    """Skip the test with a clear reason, or fail it where CI promised the services."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason}, but REQUIRE_SERVICES=1 says it must be there", pytrace=False)
    pytest.skip(reason)


def reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session", autouse=True)
def promised_services():
    """Where CI set REQUIRE_SERVICES=1, the suite runs on PostgreSQL and Redis or not at all."""
    if not REQUIRE_SERVICES:
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.fail(f"REQUIRE_SERVICES=1 but the database is {engine}", pytrace=False)
    if not settings.REDIS_URL or not reachable(settings.REDIS_URL):
        pytest.fail(f"REQUIRE_SERVICES=1 but Redis is not reachable at {settings.REDIS_URL!r}")


@pytest.fixture
def redis_url():
    if not settings.REDIS_URL:
        service_missing("REDIS_URL is not set")
    if not reachable(settings.REDIS_URL):
        service_missing(f"Redis is not reachable at {settings.REDIS_URL}")
    return settings.REDIS_URL


@pytest.fixture
def on_postgres():
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        service_missing("DATABASE_URL does not point at PostgreSQL")
