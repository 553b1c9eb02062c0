"""make run (scripts/run.sh): the site's address is printed last and plainly, once it answers."""

import os
import selectors
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from django.conf import settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_run_prints_the_address_last_once_the_site_answers(tmp_path):
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    # The embedded defaults, in a folder of the test's own: no server of the test suite used.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(DEBUG="1", VAR_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        ["bash", "scripts/run.sh", str(port)],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []
    try:
        watch = selectors.DefaultSelector()
        watch.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + 120
        ready = f"  The site is ready at {address}\n"
        while time.monotonic() < deadline and ready not in lines:
            if watch.select(timeout=deadline - time.monotonic()):
                line = process.stdout.readline()
                if not line:
                    break
                lines.append(line)
        assert ready in lines, "".join(lines)
        # Printed once the site answers, not before.
        live = f"{address}healthz/live"
        with urllib.request.urlopen(live, timeout=5) as response:  # noqa: S310 (http, ours)
            assert response.status == 200
    finally:
        os.killpg(process.pid, signal.SIGINT)
        rest, _ = process.communicate(timeout=30)
    # After the address, only the closing line and requests: no banner of the worker or of
    # the server came after it.
    after = [line for line in rest.splitlines() if line.strip()]
    assert not [line for line in after if "celery@" in line or "Starting development" in line]
    assert not any("celery@" in line or "-------------- " in line for line in lines)
