"""Shared fixtures: the services the suite runs against, and how to say one is missing."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from urllib.parse import urlparse

import kombu.pools
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


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with empty caches, so one test's rate-limit counts never limit another.

    Only this suite's keys are deleted: a Redis FLUSHDB would also empty the broker's queues.
    """
    from django.core.cache import caches

    for alias in settings.CACHES:
        cache = caches[alias]
        if hasattr(cache, "delete_pattern"):
            # An outage test may have left this cache pointing nowhere.
            with contextlib.suppress(Exception):
                cache.delete_pattern("*")
        else:
            cache.clear()


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


def database_url_for_subprocess() -> str:
    """The URL of the database this test is using, for a process started by the test."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def worker_process(*, log_path, settings_module="config.test_settings", purge=True, env=None):
    """A real Celery worker process on the configured broker and this test's database.

    Solo pool, so its pid is the process doing the work. Yields the Popen once the worker is
    consuming (--purge would otherwise erase what the test sends first); its log is at
    process.log_path and is shown by wait_for when a test gives up.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url_for_subprocess(),
        **(env or {}),
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
    command += ["--loglevel=info", "--without-mingle", "--without-gossip", "--without-heartbeat"]
    if purge:
        command.append("--purge")
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    process.log_path = log_path
    try:
        wait_for(lambda: b" ready." in log_path.read_bytes(), timeout=60, process=process)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """A worker for this test; it needs transactional_db, since another process sees only
    committed rows."""
    with worker_process(log_path=tmp_path / "worker.log") as process:
        yield process


def wait_for(condition, *, timeout: float = 60, interval: float = 0.2, process=None):
    """Poll until condition() is truthy; fail with the worker's log if it never is."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if process is not None and process.poll() is not None:
            break
        time.sleep(interval)
    log = process.log_path.read_text(errors="replace")[-4000:] if process is not None else ""
    pytest.fail(f"gave up waiting after {timeout}s\n--- worker log ---\n{log}")


@contextlib.contextmanager
def broker_outage():
    """Point the Celery app at a port where nothing listens: what a stopped Redis looks like."""
    from config.celery import app

    def reset_pools():
        # Connections are pooled per broker URL: drop them so the next send uses the new URL.
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.broker_url, dict(app.conf.broker_transport_options)
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.5}
    reset_pools()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_transport_options = saved
        reset_pools()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def redis_server(tmp_path):
    """A throwaway redis-server on a free port, for a test that stops or hangs it.

    Yields its URL and its Popen; it is killed at the end, however the test ends.
    """
    if shutil.which("redis-server") is None:
        service_missing("redis-server is not installed")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp_path)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for(lambda: reachable(url), timeout=20)
        yield url, process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def share_as_is(client, data: dict, **extra):
    """Post the share form as an author does who, shown what may identify someone in their
    words, chooses "Send as it is" (testimonies.identifying); the response that follows."""
    from testimonies import identifying

    token = identifying.send_as_is_token(title=data.get("title", ""), body=data.get("body", ""))
    return client.post("/share/", {**data, "send_as_is": token}, **extra)
