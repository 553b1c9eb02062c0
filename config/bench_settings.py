"""Production settings plus the reference views, for a plain-HTTP load test on loopback."""

import os

# No TLS on loopback, and no rate limit: one client sends every request of the load test.
# The share view still asks the limiter, which then lets every request through.
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("RATELIMIT_ENABLE", "0")

from .settings import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"
