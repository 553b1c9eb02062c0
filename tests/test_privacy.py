"""The privacy rules: no client address anywhere, and a Redis outage never loses a submission."""

import logging
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from testimonies.models import Testimony
from tests.conftest import broker_outage
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.231"
IPV6 = "2001:db8:feed:beef::1234"
PASSPHRASE = "a long passphrase 1"


def database_dump() -> str:
    """Every row of every table, as text."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from introspection)
            rows.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(rows)


def cache_dump() -> str:
    """Every key (and, in memory, every value) of every cache, as text."""
    from django.core.cache import caches

    parts = []
    for alias in settings.CACHES:
        cache = caches[alias]
        if hasattr(cache, "keys"):  # django-redis
            parts.extend(map(str, cache.keys("*")))
        else:
            parts.extend(f"{key}={value!r}" for key, value in cache._cache.items())
    return "\n".join(parts)


def test_a_full_journey_leaves_the_client_address_nowhere(client, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    headers = {"REMOTE_ADDR": ADDRESS, "HTTP_X_FORWARDED_FOR": FORWARDED}
    published = TestimonyFactory(published=True)

    client.get("/", **headers)
    client.post("/share/", {"kind": "metoo"}, **headers)
    html = client.post(
        "/share/", {"kind": "statement", "body": "From a watched address."}, **headers
    ).content.decode()
    code = re.search(r'class="receipt__code">.*?<code[^>]*>(.*?)</code>', html).group(1)
    client.post("/manage/", {"code": code}, **headers)
    client.post("/manage/", {"code": "a wrong code"}, **headers)
    client.post(f"/t/{published.public_id}/report/", {"reason": "spam"}, **headers)
    client.get("/nope/", **headers)  # a 404 is logged
    client.post(
        "/accounts/signup/",
        {"username": "watched", "password1": PASSPHRASE, "password2": PASSPHRASE},
        **headers,
    )
    client.post("/share/", {"kind": "story", "body": "Signed in."}, **headers)
    client.post("/accounts/logout/", **headers)
    client.post("/accounts/login/", {"login": "watched", "password": "wrong"}, **headers)
    client.get("/", REMOTE_ADDR=IPV6)

    assert Testimony.objects.count() == 4
    captured = capsys.readouterr()
    everywhere = "\n".join([database_dump(), cache_dump(), caplog.text, captured.out, captured.err])
    for address in (ADDRESS, FORWARDED, IPV6, "2001:db8:feed:beef"):
        assert address not in everywhere
    # Nor the user agent.
    assert "Mozilla" not in database_dump()


def test_no_model_has_a_field_for_an_address_or_a_user_agent():
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            words = field.name.lower().split("_")
            assert not {"ip", "agent", "remote", "addr"} & set(words), (model, field.name)


@override_settings(
    CACHES={
        "near": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        **{
            alias: {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:9/0",
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": alias == "default"},
            }
            for alias in ("default", "ratelimit")
        },
    }
)
def test_with_redis_down_a_submission_is_accepted_and_saved(
    client, caplog, django_capture_on_commit_callbacks
):
    with broker_outage(), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/share/", {"kind": "story", "body": "Saved during an outage."})
    assert response.status_code == 200
    assert "Your receipt code" in response.content.decode()
    assert Testimony.objects.get().body == "Saved during an outage."
    assert "left for the sweeper" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_production_access_log_names_no_client_address(tmp_path):
    """gunicorn with config/gunicorn.conf.py, a real request, and its real access log."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.conftest import database_url_for_subprocess

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-For": FORWARDED}
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    assert response.status == 200
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(0.3)  # the access line is written after the response
    finally:
        server.terminate()
        server.wait(timeout=10)
    log = log_path.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in log
    assert "127.0.0.1 " not in log.replace(f"127.0.0.1:{port}", "")
    assert FORWARDED not in log
