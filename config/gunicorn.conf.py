"""Gunicorn settings for production: no client address and no query string in the access log.

Safe by default even without a proxy in front: threaded workers (a slow client holds one
thread, not the worker), request bodies read with a deadline (config/request_guard.py) and
strict limits on the request line and headers. A slow *header* still holds a thread until
gunicorn's timeout: on the open internet, put a buffering proxy (nginx) in front.
"""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
# gthread, never sync: two half-sent requests block two sync workers, all of them soon after.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 30
keepalive = 5
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
# The default access log format starts with %(h)s, the client address, and %(r)s holds the
# query string (what someone searched for): the format names only the method, the path without
# its query, the status, the size and the duration.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
