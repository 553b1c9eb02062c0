"""Measure screening throughput, batch approval and claiming from a deep queue, and print them.

It fills the database with thousands of rows and removes none, so it runs only on a throwaway
database whose name contains "bench": scripts/bench_moderation.sh creates one and drops it.
"""

import contextlib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from config.database import without_statement_timeout
from moderation import services
from moderation.app_settings import app_settings
from moderation.models import QueueItem, Screening
from moderation.screening import screening_send
from moderation.tasks import screen_testimony
from testimonies.models import Testimony

# Plain words, no names, places or contact details: screening finds nothing, as in most posts.
_WORD_LIST = """
    i was he she they it we you me my his her their our at in on of to for with from after before
    when then again never always every night day year school work home party bus office friend
    boss coach teacher colleague stranger family doctor told said asked thought knew felt kept
    stayed left laughed believed quiet afraid alone brave young older first last long years
    door room hand shoulder message phone evening morning weekend summer trip team job class
    nobody everyone someone nothing something because but and so until while still now later
    not no yes too me-too wrong fault hurt safe heard listened wrote spoke reported moved
"""
WORDS = _WORD_LIST.split()

STATEMENT_MAX = 280


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 16))
    return " ".join(words).capitalize() + "."


def _statement(rng: random.Random) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
    return text[:STATEMENT_MAX].rstrip()


def _story(rng: random.Random, words: int) -> str:
    sentences, count = [], 0
    while count < words:
        sentence = _sentence(rng)
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    return "\n\n".join(paragraphs)


def _pending(kind: str, body: str, title: str = "") -> Testimony:
    return Testimony(
        kind=kind,
        body=body,
        title=title,
        status=Testimony.Status.PENDING,
        screening_requested_at=timezone.now(),
    )


def _percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


class Command(BaseCommand):
    help = (
        "Benchmark moderation: screening throughput of one worker, batch approval, and "
        "claiming with a deep queue. Needs a throwaway database whose name contains 'bench'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=300, help="Statements to screen.")
        parser.add_argument("--stories", type=int, default=50, help="Stories to screen.")
        parser.add_argument("--story-words", type=int, default=2000, help="Words per story.")
        parser.add_argument("--batch", type=int, default=100, help="Statements batch-approved.")
        parser.add_argument(
            "--queue-size", type=int, default=200_000, help="Items waiting while claiming."
        )
        parser.add_argument("--claims", type=int, default=50, help="Claims timed.")
        parser.add_argument(
            "--timeout", type=float, default=900, help="Seconds to wait for the worker."
        )

    def handle(self, *args, **options):
        without_statement_timeout()  # bulk statements outlast a request's limit
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name:
            raise CommandError(
                f"Refusing to run on database {name!r}: it fills the database and cleans up "
                "nothing, so the name must contain 'bench' (see scripts/bench_moderation.sh)."
            )
        self.rng = random.Random(2017)
        broker = settings.CELERY_BROKER_URL.split(":")[0]
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        self.stdout.write(f"database: {connection.vendor} {name}; broker: {broker}; queue: {queue}")
        self._screening_throughput(options)
        moderator = self._moderator()
        self._batch_approve(moderator, options["batch"])
        self._claim_next(moderator, options["queue_size"], options["claims"])

    # --- (1) Screening throughput --------------------------------------------------------------

    def _screening_throughput(self, options) -> None:
        statements = [
            _pending(Testimony.Kind.STATEMENT, _statement(self.rng))
            for _ in range(options["statements"])
        ]
        words = options["story_words"]
        stories = [
            _pending(Testimony.Kind.STORY, _story(self.rng, words), title="A story")
            for _ in range(options["stories"])
        ]
        self.stdout.write("\n(1) Screening throughput, one worker process (solo pool)")
        with self._worker() as worker:
            # Imports, connections and caches warm up on a job that is not counted.
            self._screen([_pending(Testimony.Kind.STATEMENT, "Me too.")], worker, options)
            size = app_settings.SCREENING_BATCH_SIZE
            for label, testimonies, batched in (
                (f"{len(statements)} statements, one job each", statements, False),
                (
                    f"{len(statements)} statements, in jobs of {size} (as sent by the web)",
                    [_pending(t.kind, t.body) for t in statements],
                    True,
                ),
                (f"{len(stories)} stories of {words:,} words, one job each", stories, False),
            ):
                if not testimonies:
                    continue
                elapsed = self._screen(testimonies, worker, options, batched=batched)
                self.stdout.write(
                    f"  {label}: {elapsed:.2f} s, {len(testimonies) / elapsed:.1f} testimonies/s"
                )

    def _screen(self, testimonies: list[Testimony], worker, options, *, batched=False) -> float:
        """Seconds from the first job enqueued until every testimony has its Screening."""
        ids = [t.pk for t in Testimony.objects.bulk_create(testimonies, batch_size=500)]
        started = time.perf_counter()
        if batched:
            screening_send(ids)
        for testimony_id in [] if batched else ids:
            screen_testimony.delay(testimony_id)
        deadline = started + options["timeout"]
        while Screening.objects.filter(testimony_id__in=ids).count() < len(ids):
            if worker.poll() is not None:
                raise CommandError(f"The worker stopped:\n{self._tail(worker)}")
            if time.perf_counter() > deadline:
                raise CommandError(f"Gave up after {options['timeout']} s:\n{self._tail(worker)}")
            time.sleep(0.05)
        return time.perf_counter() - started

    @contextlib.contextmanager
    def _worker(self):
        """A real worker process on this database and broker, as production runs it."""
        with tempfile.TemporaryDirectory() as folder:
            log_path = Path(folder) / "worker.log"
            command = [sys.executable, "-m", "celery", "-A", "config", "worker"]
            # --purge: jobs left in the bench queue by an earlier run must not be counted.
            command += ["--pool=solo", "--concurrency=1", "--loglevel=info", "--purge"]
            command += ["--without-mingle", "--without-gossip"]
            with open(log_path, "wb") as log:
                worker = subprocess.Popen(  # noqa: S603
                    command, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT
                )
            worker.log_path = log_path
            try:
                deadline = time.monotonic() + 60
                while b" ready." not in log_path.read_bytes():
                    if worker.poll() is not None or time.monotonic() > deadline:
                        raise CommandError(f"The worker did not start:\n{self._tail(worker)}")
                    time.sleep(0.1)
                yield worker
            finally:
                if worker.poll() is None:
                    worker.terminate()
                    try:
                        worker.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        worker.kill()
                        worker.wait()

    @staticmethod
    def _tail(worker) -> str:
        return worker.log_path.read_text(errors="replace")[-3000:]

    # --- (2) Batch approval --------------------------------------------------------------------

    def _moderator(self):
        user = get_user_model().objects.create_user(username=f"bench-{self.rng.getrandbits(32)}")
        user.groups.add(Group.objects.get_or_create(name=app_settings.MODERATORS_GROUP)[0])
        return user

    def _open_items(self, testimonies: list[Testimony]) -> list[QueueItem]:
        priority = QueueItem.PRIORITY[QueueItem.Reason.NEW]
        return QueueItem.objects.bulk_create(
            [
                QueueItem(testimony=t, reason=QueueItem.Reason.NEW, priority=priority)
                for t in testimonies
            ]
        )

    def _batch_approve(self, moderator, count: int) -> None:
        testimonies = Testimony.objects.bulk_create(
            [_pending(Testimony.Kind.STATEMENT, _statement(self.rng)) for _ in range(count)]
        )
        # Batch approval takes only statements screened with nothing found.
        Screening.objects.bulk_create(
            Screening(testimony=t, findings=[], testimony_version=t.version) for t in testimonies
        )
        items = [(item.pk, item.testimony.version) for item in self._open_items(testimonies)]
        started = time.perf_counter()
        result = services.batch_approve(moderator=moderator, items=items)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"\n(2) Batch approve {count} statements")
        self.stdout.write(
            f"  {elapsed * 1000:.0f} ms, {elapsed * 1000 / max(count, 1):.1f} ms each "
            f"(approved {result.approved}, skipped {result.skipped})"
        )

    # --- (3) Claiming from a deep queue --------------------------------------------------------

    def _claim_next(self, moderator, queue_size: int, claims: int) -> None:
        self.stdout.write(f"\n(3) Claim the next item with {queue_size:,} waiting")
        # The items the screening above opened would be claimed first: close them, so the
        # queue holds exactly queue_size items.
        QueueItem.objects.filter(is_open=True).update(is_open=False, closed_at=timezone.now())
        started = time.perf_counter()
        body = "At 8, at 12, at 14, at 19. Me too."
        for offset in range(0, queue_size, 10_000):
            size = min(10_000, queue_size - offset)
            testimonies = Testimony.objects.bulk_create(
                [_pending(Testimony.Kind.STATEMENT, body) for _ in range(size)], batch_size=5_000
            )
            self._open_items(testimonies)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                tables = (Testimony._meta.db_table, QueueItem._meta.db_table)
                cursor.execute(f"ANALYZE {', '.join(tables)}")
        waiting = QueueItem.objects.filter(is_open=True).count()
        self.stdout.write(f"  filled in {time.perf_counter() - started:.1f} s ({waiting:,} open)")
        timings = []
        for _ in range(claims):
            started = time.perf_counter()
            item = services.claim_next_item(moderator=moderator)
            timings.append((time.perf_counter() - started) * 1000)
            if item is None:
                raise CommandError("The queue ran dry while claiming.")
        if len(timings) < 2:
            self.stdout.write(f"  {claims} claims: {timings} ms")
            return
        self.stdout.write(
            f"  {claims} claims: median {statistics.median(timings):.2f} ms, "
            f"p95 {_percentile(timings, 95):.2f} ms, max {max(timings):.2f} ms"
        )
