"""The worst hostile inputs we know of for a 20,000-character story: what cleaning costs.

A figure, never a timed assertion: `make bench-cleaning`. Each pattern is repeated to the
story limit and cleaned a few times; the best and worst of those runs are printed, and, for
comparison, what the detectors cost on the cleaned text (screening without the database).
"""

import time

from django.core.management.base import BaseCommand

from moderation.detectors import find_all
from testimonies.app_settings import app_settings
from testimonies.text import clean_text

# Each repeated to the story limit. Chosen because each made some part of cleaning cost more
# than plain text: parse errors, attributes compared with one another, entities, regular
# expressions that backtrack, Unicode normalisation.
HOSTILE_PATTERNS = {
    "plain prose (reference)": "I was fourteen and nobody believed me. ",
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


class Command(BaseCommand):
    help = "Print the cost of cleaning (and screening) hostile 20,000-character stories."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--length", type=int, default=app_settings.STORY_MAX_LENGTH)

    def handle(self, *args, runs, length, **options):
        self.stdout.write(f"{'pattern':44} {'clean best':>11} {'clean worst':>12} {'screen':>9}")
        worst_clean = worst_screen = (0.0, "")
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
            worst_clean = max(worst_clean, (max(timings), name))
            worst_screen = max(worst_screen, (screen, name))
            self.stdout.write(
                f"{name:44} {min(timings) * 1000:9.1f}ms {max(timings) * 1000:10.1f}ms "
                f"{screen * 1000:7.1f}ms"
            )
        self.stdout.write(
            f"\nWorst cleaning: {worst_clean[0] * 1000:.1f} ms ({worst_clean[1]}); "
            f"worst screening: {worst_screen[0] * 1000:.1f} ms ({worst_screen[1]}), "
            f"{length:,} characters, {runs} runs each."
        )
