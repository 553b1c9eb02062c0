"""Fill a throwaway database with many fictional, published testimonies, for load tests."""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from config.database import without_statement_timeout
from testimonies.models import ContentWarning, PublishedTally, Testimony, Topic, new_public_id
from testimonies.services import tallies_rebuild

# Neutral sentences with no names, places, numbers or contact details, so nothing generated
# could identify anyone or trip a screening detector.
STATEMENT_SENTENCES = [
    "Me too.",
    "It happened at work, more than once.",
    "I was young and did not have the words for it.",
    "I told someone years later, and they believed me.",
    "Nobody believed me at the time.",
    "It was not my fault. It is never your fault.",
    "I kept quiet for a long time.",
    "I am saying it now so that someone else feels less alone.",
    "It started with jokes that were not jokes.",
    "I said no, and it did not matter to him.",
    "I still think about it on some nights.",
    "It took me years to call it what it was.",
    "On the way home, in broad daylight.",
    "It was someone I trusted.",
    "I reported it and was moved to another team.",
    "I thought it was normal because it happened so often.",
    "To anyone reading this: you are not alone.",
    "I believe you, all of you.",
    "I was a teenager.",
    "It happened online, for months.",
    "I left the job because of it.",
    "My friends helped me through it.",
    "Talking about it helped more than I expected.",
    "I am still healing, slowly.",
    "It changed how I walk home at night.",
    "I never told my family.",
    "Some days are harder than others.",
    "I am stronger than I was then.",
    "Every story I read here makes me feel less alone.",
    "It was a stranger, and later it was someone I knew.",
]

STORY_SENTENCES = [
    *STATEMENT_SENTENCES,
    "For a long time I told myself that it was a misunderstanding.",
    "I replayed that evening again and again, looking for what I had done wrong.",
    "The people around me laughed it off, so I learned to laugh it off too.",
    "When I finally spoke about it, my voice shook, but I kept going.",
    "A friend sat with me for hours and did not ask a single question I could not answer.",
    "I changed my routine, my clothes and the way I answered messages.",
    "Therapy did not fix everything, but it gave me a place to put it down.",
    "I started running in the mornings because it was the one hour that felt like mine.",
    "There were weeks when I could not sleep and weeks when I slept too much.",
    "What hurt most was not being believed by the people who were supposed to protect me.",
    "I am writing this because reading other people's words gave me courage.",
    "Healing has not been a straight line, and I have stopped expecting it to be.",
    "Some mornings I wake up and it is the first thing I think about.",
    "Other mornings I forget, and then I feel guilty for forgetting.",
    "I used to think that staying silent kept me safe.",
    "Now I think that silence mostly kept him comfortable.",
    "If you are reading this late at night, there are people awake who want to listen.",
    "I do not need an apology any more; I needed to say it out loud.",
    "It took years before I could walk past that kind of building without my heart racing.",
    "I kept every message, and then one day I deleted all of them.",
]

STORY_TITLES = [
    "What I wish I had known",
    "The year everything changed",
    "Healing is not a straight line",
    "Years later",
    "Why I am writing this",
    "To my younger self",
    "The job I left",
    "Not my fault",
    "Finally saying it",
    "Still here",
]

# Testimonies in the other languages of the site, in the same plain register: most rows are
# English (LANGUAGE_SHARES), as on a site that began in English.
OTHER_SENTENCES = {
    "es": [
        "Yo también.",
        "Pasó en el trabajo, más de una vez.",
        "Nadie me creyó en ese momento.",
        "No fue mi culpa. Nunca es tu culpa.",
        "Callé durante mucho tiempo.",
        "Lo cuento ahora para que alguien se sienta menos sola.",
        "Dije que no, y no le importó.",
        "Tardé años en llamarlo por su nombre.",
        "Era alguien en quien confiaba.",
        "Sigo sanando, poco a poco.",
        "A quien lea esto: no estás sola.",
        "Hablarlo me ayudó más de lo que esperaba.",
    ],
    "fr": [
        "Moi aussi.",
        "C'est arrivé au travail, plus d'une fois.",
        "Personne ne m'a crue à l'époque.",
        "Ce n'était pas ma faute. Ce n'est jamais ta faute.",
        "Je me suis tue pendant longtemps.",
        "Je le dis maintenant pour qu'une autre se sente moins seule.",
        "J'ai dit non, et cela ne comptait pas pour lui.",
        "Il m'a fallu des années pour appeler cela par son nom.",
        "C'était quelqu'un en qui j'avais confiance.",
        "Je guéris encore, doucement.",
        "À celles qui lisent ceci : vous n'êtes pas seules.",
        "En parler m'a aidée plus que je ne le pensais.",
    ],
    "ar": [
        "أنا أيضًا.",
        "حدث ذلك في العمل، أكثر من مرة.",
        "لم يصدقني أحد في ذلك الوقت.",
        "لم يكن ذنبي. ليس ذنبك أبدًا.",
        "صمتُّ وقتًا طويلًا.",
        "أقولها الآن كي تشعر غيري بوحدة أقل.",
        "قلت لا، ولم يكترث.",
        "احتجت سنوات لأسمي ما حدث باسمه.",
        "كان شخصًا أثق به.",
        "ما زلت أتعافى، ببطء.",
        "إلى من تقرأ هذا: لستِ وحدك.",
        "الكلام عنه ساعدني أكثر مما توقعت.",
    ],
}
OTHER_TITLES = {
    "es": ["Años después", "No fue mi culpa", "Por fin lo digo"],
    "fr": ["Des années plus tard", "Ce n'était pas ma faute", "Enfin le dire"],
    "ar": ["بعد سنوات", "لم يكن ذنبي", "أخيرًا أقولها"],
}
LANGUAGE_SHARES = [("en", 0.70), ("es", 0.12), ("fr", 0.10), ("ar", 0.08)]

# A word found in only RARE_ROWS testimonies, so "search for a rare word" has something to find
# (scripts/bench_wall.sh searches for it). No other sentence contains it.
RARE_WORD = "marigold"
RARE_ROWS = 5
RARE_SENTENCE = f"I keep a {RARE_WORD} on the windowsill to remind me that I am still here."

# The mix of kinds, by share of all rows: bare "me too"s are most of what people post.
METOO_SHARE, STATEMENT_SHARE = 0.60, 0.30  # the rest are stories
STATEMENT_MAX_LENGTH = 280
STORY_WORDS = (150, 600)
# How far back publication dates go.
SPAN = timedelta(days=730)


class Command(BaseCommand):
    help = (
        "Create N fictional, published testimonies quickly (COPY on PostgreSQL), then rebuild "
        f"the published tallies. Each run puts the word {RARE_WORD!r} in {RARE_ROWS} of them. Runs "
        "only on a database whose name contains 'bench', unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many testimonies to create.")
        parser.add_argument("--batch", type=int, default=10_000, help="Rows per transaction.")
        parser.add_argument("--seed", type=int, default=None, help="Seed for repeatable texts.")
        parser.add_argument(
            "--force", action="store_true", help="Run even if the database is not a bench one."
        )

    def handle(self, *args, count, batch, seed, force, verbosity, **options):
        without_statement_timeout()  # bulk statements outlast a request's limit
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name and not force:
            raise CommandError(
                f"The database {name!r} is not a bench database (its name has no 'bench'): "
                "this command adds rows that are never removed. Use --force to run anyway."
            )
        if count < 0 or batch < 1:
            raise CommandError("count must be 0 or more, and --batch at least 1.")
        # Public ids stay random (new_public_id) whatever the seed: only the texts repeat.
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.topic_ids = list(Topic.objects.values_list("id", flat=True))
        self.warning_ids = list(ContentWarning.objects.values_list("id", flat=True))
        # Every column the generator does not set keeps the model's default, as with save().
        self.defaults = {
            f.attname: f.get_default() for f in Testimony._meta.concrete_fields if not f.primary_key
        }
        rare_rows = set(self.rng.sample(range(count), min(RARE_ROWS, count)))

        with _progress(count, enabled=verbosity > 0, stream=self.stderr) as bar:
            for start in range(0, count, batch):
                rows = range(start, min(start + batch, count))
                with transaction.atomic():
                    self._write_batch([self._testimony(rare=i in rare_rows) for i in rows])
                bar.update(len(rows))

        published = tallies_rebuild()
        _analyze()
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {count:,} published testimonies ({published:,} published in all); "
                    f"{len(rare_rows)} contain the rare word {RARE_WORD!r}."
                )
            )

    def _testimony(self, *, rare: bool) -> tuple[dict, list[int], list[int]]:
        """One published testimony's column values, and the ids of its topics and warnings."""
        rng = self.rng
        roll = rng.random()
        # The rare word is English, so the rows that carry it are.
        language = "en" if rare else self._language()
        self.statements = STATEMENT_SENTENCES if language == "en" else OTHER_SENTENCES[language]
        self.stories = STORY_SENTENCES if language == "en" else OTHER_SENTENCES[language]
        titles = STORY_TITLES if language == "en" else OTHER_TITLES[language]
        if roll < METOO_SHARE and not rare:  # a rare word needs words to be in
            kind, title, body = Testimony.Kind.METOO, "", ""
            topics = rng.sample(self.topic_ids, k=1) if rng.random() < 0.3 else []
            warnings = []
        elif roll < METOO_SHARE + STATEMENT_SHARE:
            kind, title, body = Testimony.Kind.STATEMENT, "", self._statement(rare=rare)
            topics = rng.sample(self.topic_ids, k=rng.choice((0, 1, 1, 2)))
            warnings = rng.sample(self.warning_ids, k=1) if rng.random() < 0.1 else []
        else:
            kind, body = Testimony.Kind.STORY, self._story(rare=rare)
            title = rng.choice(titles) if rng.random() < 0.6 else ""
            topics = rng.sample(self.topic_ids, k=rng.choice((1, 1, 2, 3)))
            warnings = rng.sample(self.warning_ids, k=rng.choice((0, 1, 1, 2)))
        published_at = self.now - timedelta(seconds=rng.uniform(60, SPAN.total_seconds()))
        # Only words can be reacted to; a few testimonies draw most of the support.
        reactions = kind != Testimony.Kind.METOO
        row = {
            **self.defaults,
            "public_id": new_public_id(),
            "kind": kind.value,
            "language": language,
            "title": title,
            "body": body,
            "status": Testimony.Status.PUBLISHED.value,
            # Screening and review took a little while before publication.
            "created_at": published_at - timedelta(minutes=rng.uniform(0, 600)),
            "published_at": published_at,
            "published_on": published_at.date(),
            "status_changed_at": published_at,
            "believe_reactions": _reactions(rng) if reactions else 0,
            "metoo_reactions": _reactions(rng) if reactions else 0,
            "strength_reactions": _reactions(rng) if reactions else 0,
        }
        return row, topics, warnings

    def _language(self) -> str:
        roll, total = self.rng.random(), 0.0
        for language, share in LANGUAGE_SHARES:
            total += share
            if roll < total:
                return language
        return LANGUAGE_SHARES[0][0]

    def _statement(self, *, rare: bool) -> str:
        sentences = [RARE_SENTENCE] if rare else []
        sentences += self.rng.sample(self.statements, k=self.rng.randint(1, 4))
        text = ""
        for sentence in sentences:
            if len(text) + len(sentence) + 1 > STATEMENT_MAX_LENGTH:
                break
            text = f"{text} {sentence}".strip()
        return text

    def _story(self, *, rare: bool) -> str:
        target = self.rng.randint(*STORY_WORDS)
        sentences = [RARE_SENTENCE] if rare else []
        words = 0
        while words < target:
            sentence = self.rng.choice(self.stories)
            sentences.append(sentence)
            words += sentence.count(" ") + 1
        self.rng.shuffle(sentences)
        paragraphs, i = [], 0
        while i < len(sentences):
            size = self.rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[i : i + size]))
            i += size
        return "\n\n".join(paragraphs)

    def _write_batch(self, generated: list[tuple[dict, list[int], list[int]]]) -> None:
        rows = [row for row, _, _ in generated]
        for row, pk in zip(rows, _next_ids(len(rows)), strict=True):
            row["id"] = pk
        _insert(Testimony, rows)
        _insert(
            Testimony.topics.through,
            [
                {"testimony_id": row["id"], "topic_id": pk}
                for row, pks, _ in generated
                for pk in pks
            ],
        )
        _insert(
            Testimony.content_warnings.through,
            [
                {"testimony_id": row["id"], "contentwarning_id": pk}
                for row, _, pks in generated
                for pk in pks
            ],
        )


def _reactions(rng: random.Random) -> int:
    return min(int(rng.paretovariate(1.2)) - 1, 5_000) if rng.random() < 0.7 else 0


def _next_ids(count: int) -> list[int]:
    """Ids for new testimonies, known before the insert so their topics can point at them."""
    if connection.vendor != "postgresql":
        # SQLite (the tests) moves its id counter past explicit ids by itself.
        last = Testimony.objects.aggregate(last=Max("id"))["last"] or 0
        return list(range(last + 1, last + 1 + count))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Testimony._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _insert(model, rows: list[dict]) -> None:
    """Insert rows (column values by attname), by COPY on PostgreSQL and bulk_create elsewhere.

    COPY is several times faster than INSERT and skips building a model instance per row.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(model(**row) for row in rows)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in rows[0])
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            # Plain values (str, int, datetime, None): psycopg adapts them itself.
            copy.write_row(row.values())


def _analyze() -> None:
    """Fresh planner statistics for the bulk-loaded tables, on PostgreSQL.

    Outside a transaction it is a VACUUM too: it sets the visibility map (index-only scans),
    flushes the search index's pending list, and leaves autovacuum nothing to do in the
    middle of a benchmark. Inside one (the tests) VACUUM is not allowed, ANALYZE is.
    """
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    tables = [
        Testimony._meta.db_table,
        Testimony.topics.through._meta.db_table,
        Testimony.content_warnings.through._meta.db_table,
        PublishedTally._meta.db_table,
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")


class _ProgressLine:
    """A plain "done/total" line, for when tqdm is not installed."""

    def __init__(self, total: int, stream, enabled: bool):
        self.total, self.done, self.stream, self.enabled = total, 0, stream, enabled

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.enabled:
            self.stream.write("")

    def update(self, n: int) -> None:
        self.done += n
        if self.enabled:
            self.stream.write(f"\r{self.done:,}/{self.total:,} testimonies", ending="")
            self.stream.flush()


def _progress(total: int, *, enabled: bool, stream):
    try:
        from tqdm import tqdm
    except ImportError:
        return _ProgressLine(total, stream, enabled)
    return tqdm(total=total, unit=" rows", unit_scale=True, disable=not enabled)
