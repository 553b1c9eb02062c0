"""Gunicorn settings for production: loopback only unless told, no client address in any log.

Safe by default even without a proxy in front: threaded workers (a slow client holds one
thread, not the worker), request bodies read with a deadline (config/request_guard.py) and
strict limits on the request line and headers. A slow *header* still holds a thread until
gunicorn's timeout: on the open internet, the buffering proxy (deploy/nginx.conf) is required.
"""

import multiprocessing
import os

# Only the proxy in front (deploy/nginx.conf) on the same machine talks to gunicorn: listening
# on every interface would let anyone skip the proxy, its TLS and its X-Forwarded-For.
# GUNICORN_BIND=10.0.0.5:8000 (or unix:/run/metoo/web.sock) says otherwise.
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
# gthread, never sync: two half-sent requests block two sync workers, and all of them soon after.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 30
# Longer than nginx keeps an idle upstream connection (keepalive_timeout, 60 s): the proxy, not
# gunicorn, closes it, so nginx never reuses a connection gunicorn has just closed. An idle
# connection waits in the worker's poller, not in a thread.
keepalive = 75
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
# The default access log format starts with %(h)s, the client address: the privacy rules forbid
# writing it anywhere, so the format names only the request line without its query string
# (which may carry a search), the status, size and duration.
accesslog = "-"
errorlog = "-"
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
if os.environ.get("LOG_FORMAT") == "json":
    # One JSON object a line, like the site's own log (config/logs.py): gunicorn's messages
    # through the same formatter, the access line written as JSON by the format itself.
    access_log_format = (
        '{"logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
        '"bytes": "%(B)s", "duration_ms": %(M)s}'
    )
    logger_class = "config.gunicorn_logging.JsonSafeLogger"
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
            "as_is": {"format": "%(message)s"},
        },
        # Gunicorn merges this into its own defaults, whose root logger uses "console".
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json"},
            "error": {"class": "logging.StreamHandler", "formatter": "json"},
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "as_is",
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Load what the pre-send check reads (name lists, the gazetteer: about a second) before
    this worker takes its first request. Otherwise the first authors after a start wait for
    it, and each thread that meets the lists cold loads a copy of its own."""
    from moderation.detectors import warm_up

    warm_up()


def child_exit(server, worker):
    """Metrics of a worker process that has gone are kept, and its live gauges dropped."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
