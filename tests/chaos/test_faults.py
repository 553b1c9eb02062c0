"""Faults on a production-like stack: nothing a survivor writes is lost or saved twice.

Real processes: gunicorn (two workers), a Celery worker and a beat, a redis-server of the
test's own, and for the database faults a throwaway PostgreSQL cluster. Survivors post
statements throughout; each run counts what was sent, saved, screened and decided (surge
mode: a clean statement is published by its screening), and fails on any loss, any
duplicate, or any survivor who was not given their words back. `make chaos` runs it all;
`make test` the Redis and worker faults (the database faults need CHAOS_DATABASE=1, which
`make chaos` sets, because creating a cluster needs root and takes a while).
"""

import os
import shutil
import time

import pytest

from tests.conftest import database_url_for_subprocess, service_missing

from . import conftest
from .harness import (
    Survivors,
    can_make_a_cluster,
    migrate,
    postgres_cluster,
    redis_server,
    settle,
    stack,
    stack_env,
    wait_until,
)

pytestmark = [pytest.mark.chaos, pytest.mark.worker]

# A fault lasts until this many more statements were sent into it (or this long at most).
SENT_DURING_FAULT = 6
LONGEST_FAULT = 8.0


@pytest.fixture
def redis(tmp_path):
    if not shutil.which("redis-server"):
        service_missing("redis-server is not installed")
    with redis_server(tmp_path) as server:
        yield server


def run(fault: str, site, database_url: str, *, inject, recover):
    """Survivors post before, during and after the fault; the run's row, checked."""
    with Survivors(site.url) as survivors:
        tally = survivors.tally
        wait_until(
            lambda: len(tally.confirmed) >= 3, timeout=60, what="statements before the fault"
        )
        sent_before = len(tally.sent)
        inject()
        started = time.monotonic()
        while (
            len(tally.sent) < sent_before + SENT_DURING_FAULT
            and time.monotonic() - started < LONGEST_FAULT
        ):
            time.sleep(0.1)
        recover()
        ended = time.monotonic()
        confirmed_at_recovery = len(tally.confirmed)
        wait_until(
            lambda: len(tally.confirmed) >= confirmed_at_recovery + 3,
            timeout=90,
            what="statements saved after the fault",
        )
    row = settle(database_url, survivors, fault=fault, fault_ended=ended)
    conftest.ROWS.append(row)
    assert row.lost == 0, row
    assert row.duplicated == 0, row
    assert row.errors_without_words == 0, row
    assert row.screened == row.saved and row.decided == row.saved, row
    return row


# --- Redis (cache, broker, rate limits) and the worker -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_redis_killed_and_started_again_empty(redis, tmp_path):
    database_url = database_url_for_subprocess()
    env = stack_env(database_url=database_url, redis_url=redis.url, queue="chaos-redis-kill")
    with stack(env, tmp_path) as site:
        run(
            "redis killed (SIGKILL), restarted empty",
            site,
            database_url,
            inject=redis.kill,
            recover=redis.start,
        )


@pytest.mark.django_db(transaction=True)
def test_redis_hung(redis, tmp_path):
    database_url = database_url_for_subprocess()
    env = stack_env(database_url=database_url, redis_url=redis.url, queue="chaos-redis-hang")
    with stack(env, tmp_path) as site:
        run(
            "redis hung (SIGSTOP, then SIGCONT)",
            site,
            database_url,
            inject=redis.freeze,
            recover=redis.thaw,
        )


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch(redis, tmp_path):
    database_url = database_url_for_subprocess()
    env = stack_env(database_url=database_url, redis_url=redis.url, queue="chaos-worker")
    with stack(env, tmp_path) as site:
        log = tmp_path / "worker.log"

        def kill_while_screening():
            # Killed as soon as it has taken another job: in the middle of a batch.
            received = log.read_bytes().count(b"received")
            wait_until(
                lambda: log.read_bytes().count(b"received") > received,
                timeout=30,
                interval=0.01,
                what="the worker to take a job",
            )
            site.kill("worker")

        run(
            "worker killed (SIGKILL) mid-batch",
            site,
            database_url,
            inject=kill_while_screening,
            recover=site.start_worker,
        )


# --- PostgreSQL --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    if os.environ.get("CHAOS_DATABASE") != "1":
        pytest.skip("database faults run with CHAOS_DATABASE=1 (make chaos)")
    if not can_make_a_cluster():
        service_missing("pg_createcluster is not available to make a throwaway cluster")
    with postgres_cluster() as made:
        migrate(made.url, tmp_path_factory.mktemp("migrate") / "migrate.log")
        yield made


def test_database_stopped_and_started_again(cluster, redis, tmp_path):
    env = stack_env(database_url=cluster.url, redis_url=redis.url, queue="chaos-db-stop")
    with stack(env, tmp_path) as site:
        run(
            "database stopped (pg_ctlcluster stop), started",
            site,
            cluster.url,
            inject=cluster.stop,
            recover=cluster.start,
        )


def test_database_hung(cluster, redis, tmp_path):
    env = stack_env(database_url=cluster.url, redis_url=redis.url, queue="chaos-db-hang")
    with stack(env, tmp_path) as site:
        run(
            "database hung (SIGSTOP, then SIGCONT)",
            site,
            cluster.url,
            inject=cluster.freeze,
            recover=cluster.thaw,
        )
