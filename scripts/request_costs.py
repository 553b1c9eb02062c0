"""What one request costs in one process, caches warm: the calls it makes and its best time.

`make bench-wall` measures throughput under load, which on a shared two-core machine moves by
±15% from one run to the next. This measures the code alone: the number of Python calls per
request is the same on every run, so two checkouts can be compared call for call.

Usage, against a database filled with generate_testimonies (any size):
  DJANGO_SETTINGS_MODULE=config.bench_settings DATABASE_URL=... REDIS_URL=... VAR_DIR=...
  .venv/bin/python scripts/request_costs.py            (ROUNDS=7: rounds of timing)
Run `manage.py collectstatic` for that VAR_DIR first. Each share request saves a testimony.
"""

import cProfile
import html
import os
import pstats
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.bench_settings")

import django

django.setup()

from django.test import Client  # noqa: E402


def deep_page(client: Client, pages: int = 30) -> str:
    url = "/"
    for _ in range(pages):
        page = client.get(url).content.decode()
        url = "/" + html.unescape(re.search(r'rel="next" href="(\?[^"]+)"', page).group(1))
    return url


def main() -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    deep = deep_page(client)
    share = {"kind": "statement", "body": "Checking the form."}
    requests = {
        "constant": lambda: client.get("/bench/constant/"),
        "wall_first": lambda: client.get("/"),
        "wall_deep": lambda: client.get(deep),
        "api": lambda: client.get("/api/v1/testimonies/"),
        "share": lambda: client.post("/share/", share),
    }
    for name, request in requests.items():
        for _ in range(200):
            response = request()
        assert response.status_code == 200, (name, response.status_code)
    calls = {}
    for name, request in requests.items():
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(50):
            request()
        profile.disable()
        calls[name] = pstats.Stats(profile).total_calls / 50
    best = dict.fromkeys(requests, float("inf"))
    for _ in range(int(os.environ.get("ROUNDS", "7"))):
        for name, request in requests.items():
            count = 100 if name == "share" else 300
            started = time.perf_counter()
            for _ in range(count):
                request()
            best[name] = min(best[name], (time.perf_counter() - started) / count)
    for name in requests:
        print(
            f"{name:12s} calls={calls[name]:8.1f} best_us={best[name] * 1e6:8.1f} "
            f"ratio_to_constant={best['constant'] / best[name]:.3f}"
        )


if __name__ == "__main__":
    main()
