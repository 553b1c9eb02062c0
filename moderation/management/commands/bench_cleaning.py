"""The worst hostile inputs we know of for a 20,000-character story: what cleaning costs.

A figure, never a timed assertion: `make bench-cleaning`. Each pattern is repeated to the
story limit and cleaned a few times; the best and worst of those runs are printed, and, for
comparison, what the detectors cost on the cleaned text (screening without the database).
"""

import logging
import time
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.test import Client, override_settings

from moderation.detectors import find_all
from testimonies.app_settings import app_settings
from testimonies.text import clean_text

# Each repeated to the story limit. Chosen because each made some part of cleaning cost more
# than plain text: parse errors, attributes compared with one another, entities, regular
# expressions that backtrack, Unicode normalisation.
HOSTILE_PATTERNS = {
    "plain prose (reference)": "I was fourteen and nobody believed me. ",
    # Not hostile, but the dearest ordinary story to screen: every character is non-ASCII.
    "Arabic prose (reference)": "كنت في الرابعة عشرة ولم يصدقني أحد. ",
    "'<a ' (one endless tag)": "<a ",
    "'<' alone": "<",
    "'</a ' (end tags with attributes)": "</a ",
    "'<a/'": "<a/",
    "'<a x=' attributes": "<a x=",
    "'<!--' comments": "<!--",
    "'<?' processing instructions": "<?",
    "'<![CDATA['": "<![CDATA[",
    "nested '<svg><x>'": "<svg><x>",
    "'<table><td>'": "<table><td>",
    "many short tags with 8 attributes": "<a a b c d e f g h>x",
    "tags of 256 characters, 126 attributes": "<a" + " a" * 126 + ">",
    "tags of 1,000 characters, 498 attributes": "<a" + " a" * 498 + ">",
    "tags of 64 characters, 30 attributes": "<a" + " a" * 30 + ">x",
    "tags of 500 characters, 248 attributes": "<a" + " a" * 248 + ">",
    "one tag, then '&'": "&",
    "one tag, then '&lt;'": "&lt;",
    "entities '&#60;' in tags": "<b>&#60;&amp;</b>",
    "spaces without a newline": " ",
    "tabs and spaces": "\t ",
    "blank lines": "\n",
    "carriage returns": "\r",
    "control characters": "\x01\x7f",
    "bidi overrides": "\u202e",
    "combining accents": "\u0301",
    "emoji": "\U0001f600",
    "lone surrogates": "\ud800",
    "digits": "0123456789 ",
}
PREFIX = {"one tag, then '&'": "<b>", "one tag, then '&lt;'": "<b>"}


# Bodies posted to /share/ through the whole middleware stack: each must be refused (400)
# before its text is cleaned. No database is needed: nothing gets that far.
OVERSIZED_POSTS = {
    "1 MB of '<a ' (over DATA_UPLOAD_MAX_MEMORY_SIZE)": "<a " * 210_000,
    "30,000 characters of '<a ' (over the raw text cap)": "<a " * 10_000,
}


# The refused page is rendered as it would be served; no collectstatic needed for a figure.
PLAIN_STATIC_FILES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


class Command(BaseCommand):
    help = "Print the cost of cleaning (and screening) hostile 20,000-character stories."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--length", type=int, default=app_settings.STORY_MAX_LENGTH)

    def _oversized_posts(self) -> None:
        client = Client(HTTP_HOST="localhost")
        self.stdout.write("")
        for name, body in OVERSIZED_POSTS.items():
            data = urlencode({"kind": "story", "body": body})
            timings = []
            # The refusals are logged as warnings and errors: not what this measures.
            logging.disable(logging.CRITICAL)
            for _ in range(3):  # the best of three: the first also compiles the templates
                started = time.perf_counter()
                with override_settings(RATELIMIT_ENABLE=False, STORAGES=PLAIN_STATIC_FILES):
                    response = client.post(
                        "/share/",
                        data,
                        content_type="application/x-www-form-urlencoded",
                        secure=True,
                    )
                timings.append(time.perf_counter() - started)
            logging.disable(logging.NOTSET)
            elapsed = min(timings)
            self.stdout.write(
                f"POST /share/ with {name}, {len(data):,} bytes: "
                f"{response.status_code} in {elapsed * 1000:.1f} ms"
            )

    def handle(self, *args, runs, length, **options):
        self.stdout.write(f"{'pattern':44} {'clean best':>11} {'clean worst':>12} {'screen':>9}")
        worst_clean = worst_screen = (0.0, "")
        # A worker loads its word lists and gazetteer once, before its first job: so here too,
        # or the first pattern's screening would carry that second.
        find_all("Warming up: Sarah from Muncie, 555 0100, at Slater Inc.")
        for name, pattern in HOSTILE_PATTERNS.items():
            story = PREFIX.get(name, "") + pattern * (length // len(pattern) + 1)
            story = story[:length]
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                cleaned = clean_text(story)
                timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            find_all(cleaned)
            screen = time.perf_counter() - started
            # A pattern's cost is its best run; the worst run shows what else the machine did.
            worst_clean = max(worst_clean, (min(timings), name))
            worst_screen = max(worst_screen, (screen, name))
            self.stdout.write(
                f"{name:44} {min(timings) * 1000:9.1f}ms {max(timings) * 1000:10.1f}ms "
                f"{screen * 1000:7.1f}ms"
            )
        self._oversized_posts()
        self.stdout.write(
            f"\nCostliest pattern to clean: {worst_clean[0] * 1000:.1f} ms, best of {runs} runs "
            f"({worst_clean[1]}); "
            f"worst screening: {worst_screen[0] * 1000:.1f} ms ({worst_screen[1]}), "
            f"{length:,} characters."
        )
