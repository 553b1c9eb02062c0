"""The site as in production on one machine: Debian's nginx with deploy/nginx.conf, two gunicorn
instances, two Celery workers and one beat, on this test's PostgreSQL database and Redis.

Used by tests/cluster/ (and so by `make cluster`). Every process writes its log to a file in
the cluster's folder, so a test can read what an operator would find there.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from django.conf import settings

from tests.conftest import database_url_for_subprocess, wait_for, worker_process

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SECRET_KEY = "cluster-test-secret-" + "k" * 40
METRICS_TOKEN = "cluster-metrics-token-" + "t" * 20
# The address the metrics endpoint lets in without a token.
MONITORING_ADDRESS = "127.0.0.88"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_conf(*, port: int, upstreams: list[int], folder: Path) -> str:
    """deploy/nginx.conf as an operator would install it, with this machine's ports and paths.

    Each replacement must find what it replaces: if deploy/nginx.conf changes shape, this
    fails instead of quietly testing something else.
    """
    text = (settings.BASE_DIR / "deploy" / "nginx.conf").read_text()
    servers = "".join(
        f"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n" for p in upstreams
    )
    replacements = [
        (r"(upstream metoo_web \{\n)(?:    server [^\n]*\n)+", rf"\g<1>{servers}"),
        # The plain-HTTP redirect is nginx's own; only the TLS server is tested.
        (r"server \{\n    listen 80;[^}]*\}\n\n", ""),
        (
            r"    listen 443 ssl http2;\n    listen \[::\]:443 ssl http2;",
            f"    listen 127.0.0.1:{port} ssl;",
        ),
        (r"server_name metoo\.example;", "server_name 127.0.0.1;"),
        (r"/etc/letsencrypt/live/metoo\.example/fullchain\.pem", str(folder / "cert.pem")),
        (r"/etc/letsencrypt/live/metoo\.example/privkey\.pem", str(folder / "key.pem")),
        (r"/var/cache/nginx/metoo", str(folder / "nginx-cache")),
        (r"/var/log/nginx/", str(folder) + "/"),
        (r"/srv/metoo/var/static/", str(folder / "var" / "static") + "/"),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        assert count, f"deploy/nginx.conf no longer has {pattern!r}"
    # What Debian's /etc/nginx/nginx.conf would put around it.
    return f"""
user {"root" if os.geteuid() == 0 else ""};
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log crit;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {folder}/nginx-tmp/body;
    proxy_temp_path {folder}/nginx-tmp/proxy;
    fastcgi_temp_path {folder}/nginx-tmp/fastcgi;
    uwsgi_temp_path {folder}/nginx-tmp/uwsgi;
    scgi_temp_path {folder}/nginx-tmp/scgi;
    {text}
}}
""".replace("user ;\n", "")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Browser:
    """A visitor at one loopback address, keeping cookies like a browser."""

    cluster: "Cluster"
    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict[str, str], **kwargs) -> Response:
        from urllib.parse import urlencode

        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.cluster.origin,
            **(kwargs.pop("headers", None) or {}),
        }
        return self.request("POST", path, body=urlencode(data), headers=headers, **kwargs)

    def request(self, method, path, *, body=None, headers=None) -> Response:
        headers = {"Accept-Language": "en", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPSConnection(
            "127.0.0.1",
            self.cluster.port,
            source_address=(self.address, 0),
            context=ssl._create_unverified_context(),  # noqa: S323  our own self-signed cert
            timeout=30,
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode(errors="replace")
        finally:
            connection.close()
        for value in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return Response(raw.status, raw.headers, text)

    def share(self, *, body: str, headers=None) -> Response:
        form = self.get("/share/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return self.post(
            "/share/",
            {"csrfmiddlewaretoken": token, "kind": "statement", "body": body},
            headers=headers,
        )


@dataclass
class Cluster:
    folder: Path
    port: int
    origin: str
    processes: dict[str, subprocess.Popen]

    def browser(self, address: str) -> Browser:
        return Browser(self, address)

    @property
    def logs(self) -> dict[str, str]:
        return {path.name: path.read_text(errors="replace") for path in self.folder.glob("*.log")}

    def gunicorn_requests(self, path: str) -> int:
        """Requests for exactly this path (no query) that reached either gunicorn instance."""
        needle = f'"path": "{path}"'
        return sum(self.folder.joinpath(f"web{n}.log").read_text().count(needle) for n in (1, 2))


def _environment(folder: Path, *, origin: str) -> dict[str, str]:
    """Production settings, as an operator sets them (see .env.example)."""
    cache = settings.CACHES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "REDIS_URL": settings.REDIS_URL,
        # The test process shares the cache and the queue, so a decision it takes through the
        # services reaches the cluster's pages as a moderator's would.
        "CACHE_KEY_PREFIX": cache["KEY_PREFIX"],
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "0",
        "HTTPS": "1",
        "BEHIND_TLS_PROXY": "1",
        "TRUSTED_PROXY_COUNT": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": origin,
        "VAR_DIR": str(folder / "var"),
        "LOG_FORMAT": "json",
        "WEB_CONCURRENCY": "2",
        "METRICS_ENABLED": "1",
        "METRICS_ALLOWED_IPS": MONITORING_ADDRESS,
        "METRICS_TOKEN": METRICS_TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics"),
        "PYTHONUNBUFFERED": "1",
    }


def _start(name, command, *, folder, env) -> subprocess.Popen:
    log_path = folder / f"{name}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    process.log_path = log_path
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(port: int, path: str = "/healthz/live") -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
        return connection.getresponse().status in (200, 503)
    except OSError:
        return False


@contextlib.contextmanager
def running_cluster(folder: Path):
    """Start everything, wait until each part is ready, yield a Cluster; stop it all after."""
    port = free_port()
    origin = f"https://127.0.0.1:{port}"
    env = _environment(folder, origin=origin)
    for sub in ("var", "metrics", "nginx-cache", "nginx-tmp"):
        (folder / sub).mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR, env=env, check=True, capture_output=True,
    )  # fmt: skip
    processes: dict[str, subprocess.Popen] = {}
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: [_stop(p) for p in reversed(processes.values())])
        web_ports = [free_port(), free_port()]
        for n, web_port in enumerate(web_ports, start=1):
            processes[f"web{n}"] = _start(
                f"web{n}",
                [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py"],
                folder=folder,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{web_port}"},
            )
        for n in (1, 2):
            processes[f"worker{n}"] = stack.enter_context(
                worker_process(
                    log_path=folder / f"worker{n}.log",
                    settings_module="config.settings",
                    purge=n == 1,
                    env={k: v for k, v in env.items() if k != "DATABASE_URL"},
                )
            )
        processes["beat"] = _start(
            "beat",
            [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=info",
             "-s", str(folder / "var" / "celerybeat-schedule")],
            folder=folder, env=env,
        )  # fmt: skip
        (folder / "nginx.conf").write_text(
            nginx_conf(port=port, upstreams=web_ports, folder=folder)
        )
        processes["nginx"] = _start(
            "nginx-stdout",
            [NGINX, "-p", str(folder), "-e", str(folder / "nginx-error.log"),
             "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
            folder=folder, env=env,
        )  # fmt: skip
        for name, web_port in zip(("web1", "web2"), web_ports, strict=True):
            wait_for(lambda p=web_port: _answers(p), timeout=60, process=processes[name])
        wait_for(lambda: b"beat: Starting" in processes["beat"].log_path.read_bytes(),
                 timeout=60, process=processes["beat"])  # fmt: skip
        cluster = Cluster(folder=folder, port=port, origin=origin, processes=processes)
        wait_for(lambda: _served(cluster), timeout=30, process=processes["nginx"])
        yield cluster


def _served(cluster: Cluster) -> bool:
    try:
        return cluster.browser("127.0.0.1").get("/healthz").status == 200
    except OSError:
        time.sleep(0.1)
        return False
