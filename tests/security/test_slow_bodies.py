"""Half-sent request bodies do not take the site down (gunicorn as the Procfile runs it)."""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.conftest import database_url_for_subprocess

pytestmark = [pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "REQUEST_BODY_TIMEOUT": "1",
    }
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-c",
            "config/gunicorn.conf.py",
            "-b",
            f"127.0.0.1:{port}",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail((tmp_path / "gunicorn.log").read_text())
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=15)
    log.close()


def half_sent_post(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    sock.sendall(
        b"POST /share/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        b"kind=statement&body=half"
    )
    return sock


def status_of(sock: socket.socket) -> int:
    head = sock.recv(200)
    return int(head.split(b" ", 2)[1])


def test_half_sent_bodies_are_refused_after_the_deadline_and_others_are_served(gunicorn):
    slow = [half_sent_post(gunicorn) for _ in range(3)]  # more than the worker's threads
    with socket.create_connection(("127.0.0.1", gunicorn), timeout=20) as reader:
        reader.sendall(b"GET /safety/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert status_of(reader) == 200
    assert [status_of(sock) for sock in slow] == [400, 400, 400]
    for sock in slow:
        sock.close()
