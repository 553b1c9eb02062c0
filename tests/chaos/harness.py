"""Real processes for the fault suite, and survivors who use the site while they fail.

Every process started here is stopped by the context manager that started it, even when a
test fails: a frozen (SIGSTOPped) one is thawed first so that it can hear SIGTERM, and a
throwaway PostgreSQL cluster is dropped.
"""

import contextlib
import html
import http.cookiejar
import os
import random
import re
import signal
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    """A free local port: from CHAOS_PORTS ("18100-18199") when set, else any the system gives."""
    span = os.environ.get("CHAOS_PORTS", "")
    candidates = range(int(span.split("-")[0]), int(span.split("-")[1]) + 1) if span else [0]
    for port in random.sample(list(candidates), len(candidates)):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {span}")


def wait_until(condition, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            result = condition()
            if result:
                return result
        time.sleep(interval)
    raise TimeoutError(f"gave up after {timeout}s waiting for {what}")


def _stop(process: subprocess.Popen, *, thaw_pids=()) -> None:
    for pid in (process.pid, *thaw_pids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- Redis -------------------------------------------------------------------------------------


class RedisServer:
    """A redis-server of our own, with nothing saved to disk: a restart starts it empty."""

    def __init__(self, port: int, log_path: Path):
        self.port, self.log_path = port, log_path
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_until(self._answers, timeout=20, what="redis-server to answer")

    def _answers(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)


@contextlib.contextmanager
def redis_server(tmp_path: Path):
    server = RedisServer(free_port(), tmp_path / "redis.log")
    try:
        server.start()
        yield server
    finally:
        server.stop()


# --- PostgreSQL --------------------------------------------------------------------------------


def postgres_version() -> str | None:
    versions = sorted(Path("/etc/postgresql").glob("*"), key=lambda p: float(p.name))
    return versions[-1].name if versions else None


def can_make_a_cluster() -> bool:
    return bool(postgres_version()) and all(
        subprocess.run(["which", tool], capture_output=True).returncode == 0
        for tool in ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster")
    )


class PostgresCluster:
    """A throwaway cluster (pg_createcluster) on a port of its own, trusting local users."""

    def __init__(self, port: int):
        self.version = postgres_version()
        self.name = f"chaos{os.getpid()}x{port}"
        self.port = port
        self.url = f"postgres://postgres@127.0.0.1:{port}/metoo_chaos"

    def _run(self, *command: str) -> None:
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def create(self) -> None:
        self._run(
            "pg_createcluster",
            self.version,
            self.name,
            "--port",
            str(self.port),
            "--",
            "--auth-host=trust",
            "--auth-local=trust",
        )
        self.start()
        self._run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-q",
            "-c",
            "CREATE DATABASE metoo_chaos",
        )

    def start(self) -> None:
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "start")

    def stop(self) -> None:
        self._run(
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            self.version,
            self.name,
            "stop",
            "-m",
            "fast",
        )

    def pids(self) -> list[int]:
        """The postmaster and every backend it started."""
        data = Path(f"/var/lib/postgresql/{self.version}/{self.name}")
        postmaster = int((data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                    children.append(int(stat.parent.name))
        return [postmaster, *children]

    def freeze(self) -> None:
        self._frozen = self.pids()
        for pid in self._frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in getattr(self, "_frozen", []):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self._frozen = []

    def drop(self) -> None:
        self.thaw()
        subprocess.run(
            ["pg_dropcluster", "--stop", self.version, self.name], capture_output=True, timeout=120
        )


@contextlib.contextmanager
def postgres_cluster():
    cluster = PostgresCluster(free_port())
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.drop()


def migrate(database_url: str, log_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tests.chaos.settings",
    }
    with open(log_path, "ab") as log:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=300,
        )


# --- The site: web servers, a worker and a beat ------------------------------------------------


def stack_env(*, database_url: str, redis_url: str, queue: str) -> dict[str, str]:
    """Production's settings, with short timers so that a run recovers in seconds."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.chaos.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "CACHE_KEY_PREFIX": queue,
        "DEBUG": "0",
        "HTTPS": "0",
        "RATELIMIT_ENABLE": "0",  # every survivor here comes from 127.0.0.1
        "MODERATION_SURGE_MODE": "1",  # clean statements are decided (published) by screening
        "MODERATION_SWEEP_AFTER_SECONDS": "3",
        "MODERATION_SWEEP_EVERY_SECONDS": "1",
        "MODERATION_SCREENING_BATCH_SECONDS": "0.25",
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "DATABASE_STATEMENT_TIMEOUT_MS": "5000",
        "DATABASE_REQUEST_DEADLINE_SECONDS": "3",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }


class Stack:
    """gunicorn (two workers), one Celery worker and one beat, started and stopped together."""

    def __init__(self, env: dict[str, str], tmp_path: Path):
        self.env, self.tmp_path = env, tmp_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.processes: dict[str, subprocess.Popen] = {}

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        with open(self.tmp_path / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env={**self.env, "PORT": str(self.port)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.processes[name] = process
        return process

    def start_web(self) -> None:
        self._start(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-c",
                "config/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
        )
        wait_until(
            lambda: _get(self.url + "/healthz/live")[0] == 200,
            timeout=60,
            what="gunicorn to answer",
        )

    def start_worker(self) -> subprocess.Popen:
        process = self._start(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--loglevel=info",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
            ],
        )
        log = self.tmp_path / "worker.log"
        wait_until(lambda: b" ready." in log.read_bytes(), timeout=60, what="the worker")
        return process

    def start_beat(self) -> None:
        self._start(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel=info",
                "-s",
                str(self.tmp_path / "beat-schedule"),
            ],
        )

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        process.kill()
        process.wait()

    def stop(self) -> None:
        for process in self.processes.values():
            _stop(process)
        self.processes.clear()


@contextlib.contextmanager
def stack(env: dict[str, str], tmp_path: Path):
    site = Stack(env, tmp_path)
    try:
        site.start_web()
        site.start_worker()
        site.start_beat()
        yield site
    finally:
        site.stop()


# --- Survivors ---------------------------------------------------------------------------------


def _get(url: str, opener=None, timeout: float = 30) -> tuple[int, str]:
    opener = opener or urllib.request.build_opener()
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _marker() -> str:
    return "".join(random.choices(string.ascii_lowercase, k=16))


@dataclass
class Tally:
    """What the survivors sent and were told."""

    sent: set[str] = field(default_factory=set)
    confirmed: set[str] = field(default_factory=set)
    words_back: set[str] = field(default_factory=set)  # a 503 page with every word in it
    errors_without_words: int = 0  # anything else: a 500, a reset, a timeout
    form_not_shown: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Survivors:
    """A few survivors posting statements, one after another, while faults come and go.

    Each fills in the form it was given (so with its one-time token) and sends it. Told it
    could not be saved, with the words back, a survivor sends the same form again a moment
    later, until it is saved: what the page asks them to do. Anything else is an error that
    cost them their words, unless the statement was saved anyway.
    """

    def __init__(self, url: str, *, count: int = 3):
        self.url, self.count = url, count
        self.tally = Tally()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(count)]

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self, *, settle_within: float = 60) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(settle_within)

    def _run(self) -> None:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        while not self._stop.is_set():
            try:
                status, page = _get(self.url + "/share/", opener, timeout=30)
            except OSError:
                status, page = 0, ""
            if status != 200:
                with self.tally.lock:
                    self.tally.form_not_shown += 1
                time.sleep(0.2)
                continue
            self._send(opener, page)

    def _send(self, opener, page: str) -> None:
        marker = _marker()
        body = f"chaos {marker} it happened at work and i said nothing for years"
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": re.search(
                    r'name="csrfmiddlewaretoken" value="([^"]+)"', page
                )[1],
                "submission_token": re.search(
                    r'name="submission_token" value="([^"]+)" id="id_submission_token"', page
                )[1],
                "kind": "statement",
                "body": body,
            }
        ).encode()
        with self.tally.lock:
            self.tally.sent.add(marker)
        # After the run is told to stop, a survivor still sends again what was handed back.
        give_up_at = None
        while True:
            try:
                request = urllib.request.Request(  # noqa: S310  http:// only, built here
                    self.url + "/share/", data=data, headers={"Referer": self.url + "/share/"}
                )
                status, answer = _get(request, opener, timeout=30)
            except OSError:
                status, answer = 0, ""
            if status == 200 and ("Thank you" in answer or "already received" in answer):
                with self.tally.lock:
                    self.tally.confirmed.add(marker)
                return
            if status == 503 and html.escape(body) in answer and "could not save" in answer:
                with self.tally.lock:
                    self.tally.words_back.add(marker)
                if self._stop.is_set():
                    give_up_at = give_up_at or time.monotonic() + 45
                    if time.monotonic() > give_up_at:
                        return
                time.sleep(0.5)
                continue
            with self.tally.lock:
                self.tally.errors_without_words += 1
            return


# --- Counting what the database holds ----------------------------------------------------------


@dataclass
class Outcome:
    saved: int
    duplicated: int
    screened: int
    decided: int


def count(database_url: str, markers: set[str]) -> Outcome:
    """What became of the survivors' statements: saved (once?), screened, decided."""
    with psycopg.connect(database_url, connect_timeout=5) as conn:
        rows = conn.execute(
            """
            SELECT substring(t.body from 'chaos ([a-z]+) '), t.status,
                   t.screening_requested_at IS NULL AND s.id IS NOT NULL
            FROM testimonies_testimony t
            LEFT JOIN moderation_screening s ON s.testimony_id = t.id
            WHERE t.body LIKE 'chaos %%'
            """
        ).fetchall()
    rows = [row for row in rows if row[0] in markers]
    unique = {row[0] for row in rows}
    return Outcome(
        saved=len(unique),
        duplicated=len(rows) - len(unique),
        screened=len({row[0] for row in rows if row[2]}),
        decided=len({row[0] for row in rows if row[1] == "published"}),
    )


@dataclass
class Row:
    fault: str
    sent: int
    saved: int
    lost: int
    duplicated: int
    words_back: int
    errors_without_words: int
    screened: int
    decided: int
    recovery_seconds: float

    HEADER = (
        "fault",
        "sent",
        "saved",
        "lost",
        "duplicated",
        "503 words back",
        "errors w/o words",
        "screened",
        "decided",
        "recovery s",
    )

    def cells(self) -> list[str]:
        return [
            self.fault,
            str(self.sent),
            str(self.saved),
            str(self.lost),
            str(self.duplicated),
            str(self.words_back),
            str(self.errors_without_words),
            str(self.screened),
            str(self.decided),
            f"{self.recovery_seconds:.1f}",
        ]


def table(rows: list[Row]) -> str:
    lines = [Row.HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(Row.HEADER))]
    out = []
    for n, line in enumerate(lines):
        out.append(" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if n == 0:
            out.append("-+-".join("-" * width for width in widths))
    return "\n".join(out)


def settle(database_url: str, survivors: Survivors, *, fault: str, fault_ended: float) -> Row:
    """Wait until everything saved is screened and decided; the row of the table for this run."""
    tally = survivors.tally
    outcome = count(database_url, tally.sent)
    with contextlib.suppress(TimeoutError):
        outcome = wait_until(
            lambda: (o := count(database_url, tally.sent)).decided == o.saved and o,
            timeout=120,
            interval=0.25,
            what="every statement to be screened and decided",
        )
    recovery = time.monotonic() - fault_ended
    outcome = count(database_url, tally.sent)
    return Row(
        fault=fault,
        sent=len(tally.sent),
        saved=outcome.saved,
        lost=len(tally.sent) - outcome.saved,
        duplicated=outcome.duplicated,
        words_back=len(tally.words_back),
        errors_without_words=tally.errors_without_words,
        screened=outcome.screened,
        decided=outcome.decided,
        recovery_seconds=recovery,
    )
