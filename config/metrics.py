"""Prometheus metrics at /metrics: requests by view, submissions, the queue, screening, the broker.

Off unless METRICS_ENABLED; then open only to METRICS_ALLOWED_IPS (the client address as the
rate limits read it, through TRUSTED_PROXY_COUNT proxies) or to `Authorization: Bearer
<METRICS_TOKEN>`. No label ever carries an address, a user agent or anything a person wrote:
views are named by their URL name, never their path.

Counters and histograms are kept per process. With PROMETHEUS_MULTIPROC_DIR set (required under
gunicorn and a prefork Celery worker), every process on the machine writes them to files there
and a scrape adds them up. The queue and the broker's backlog are read at scrape time from the
database and the broker, so they are right whichever process answers.
"""

import hmac
import ipaddress
import os
import time

from amqp.exceptions import ChannelError
from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db.models.signals import post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from .ratelimits import client_address

REQUESTS = Counter(
    "metoo_http_requests",
    "Requests answered, by view name, method and status",
    ["view", "method", "status"],
)
REQUEST_DURATION = Histogram(
    "metoo_http_request_duration_seconds",
    "Time from the request reaching Django to the answer, by view name",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SUBMISSIONS = Counter("metoo_submissions", "Testimonies submitted, by kind", ["kind"])
SCREENING_JOBS = Counter(
    "metoo_screening_jobs",
    "Screening jobs a worker finished, by task and outcome",
    ["task", "outcome"],
)
SCREENING_DURATION = Histogram(
    "metoo_screening_job_duration_seconds",
    "Time a worker spent on one screening job (a batch may hold many testimonies), by task",
    ["task"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
SCREENING_TASKS = {
    "moderation.tasks.screen_testimony": "screen_testimony",
    "moderation.tasks.screen_testimonies": "screen_testimonies",
}
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class RequestMetricsMiddleware:
    """Counts and times every request Django answers, labelled by view name only."""

    def __init__(self, get_response):
        if not settings.METRICS_ENABLED:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        # A path that matched no URL is one label, whatever was asked for.
        view = (match.view_name or "unnamed") if match else "unmatched"
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view=view, method=method, status=str(response.status_code)).inc()
        REQUEST_DURATION.labels(view=view).observe(time.perf_counter() - started)
        return response


class ScrapeTimeCollector:
    """Gauges read when Prometheus asks: the same answer from every process."""

    def collect(self):
        from moderation.selectors import oldest_waiting, queue_sizes

        from .celery import app as celery_app

        queue = GaugeMetricFamily(
            "metoo_moderation_queue_items",
            "Open items in the moderation queue, by list",
            labels=["list"],
        )
        for name, size in queue_sizes().items():
            queue.add_metric([name], size)
        yield queue
        waiting = oldest_waiting(now=timezone.now())
        yield GaugeMetricFamily(
            "metoo_moderation_oldest_waiting_seconds",
            "How long the open queue item that has waited longest has waited (0: none waits)",
            value=waiting.total_seconds() if waiting else 0,
        )
        backlog = GaugeMetricFamily(
            "metoo_broker_backlog_messages",
            "Jobs waiting in the broker for a worker, by queue (absent: broker unreachable)",
            labels=["queue"],
        )
        up = 1
        try:
            with celery_app.connection_for_read() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
                name = settings.CELERY_TASK_DEFAULT_QUEUE
                try:
                    _, messages, _ = connection.default_channel.queue_declare(
                        queue=name, passive=True
                    )
                except ChannelError:  # never declared: nothing was ever sent to it
                    messages = 0
                backlog.add_metric([name], messages)
        except Exception:
            up = 0
        yield backlog
        yield GaugeMetricFamily(
            "metoo_broker_up", "Whether the broker answered this scrape", value=up
        )


def _allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    address = client_address(request)
    if address is None:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.METRICS_ALLOWED_IPS
    )


def metrics(request: HttpRequest) -> HttpResponse:
    if not settings.METRICS_ENABLED:
        raise Http404
    if not _allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    at_scrape = CollectorRegistry(auto_describe=False)
    at_scrape.register(ScrapeTimeCollector())
    body = generate_latest(registry) + generate_latest(at_scrape)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


def _submitted(sender, instance, created, raw=False, **kwargs):
    if settings.METRICS_ENABLED and created and not raw:
        SUBMISSIONS.labels(kind=instance.kind).inc()


_job_started: dict[str, float] = {}


def _job_start(task_id=None, task=None, **kwargs):
    if settings.METRICS_ENABLED and task is not None and task.name in SCREENING_TASKS:
        _job_started[task_id] = time.perf_counter()


def _job_end(task_id=None, task=None, state=None, **kwargs):
    started = _job_started.pop(task_id, None)
    if started is None or task is None:
        return
    name = SCREENING_TASKS[task.name]
    SCREENING_JOBS.labels(task=name, outcome=(state or "unknown").lower()).inc()
    SCREENING_DURATION.labels(task=name).observe(time.perf_counter() - started)


class MetricsConfig(AppConfig):
    """Connects what is counted where it happens, in web processes and workers alike."""

    name = "config"
    label = "metrics"
    verbose_name = "Metrics"

    def ready(self):
        # Connected always, cheap when off: each receiver looks at METRICS_ENABLED first.
        from celery.signals import task_postrun, task_prerun

        post_save.connect(_submitted, sender="testimonies.Testimony", weak=False)
        task_prerun.connect(_job_start, weak=False)
        task_postrun.connect(_job_end, weak=False)
