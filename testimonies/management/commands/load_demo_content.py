"""Load a few dozen fictional, non-identifying testimonies so a new install has a wall."""

from django.core.management.base import BaseCommand
from django.db import transaction

from testimonies.models import ContentWarning, Testimony, Topic
from testimonies.services import Submission, testimony_publish, testimony_submit

# Fictional and deliberately without names, places or other identifying details; each with
# the topics (slugs of migration 0002) a reader would give it, so filters and charts look right.
STATEMENTS = [
    ("At 8, at 12, at 14, at 19. Me too.", ["childhood"]),
    ("It took me twenty years to say it out loud. Me too.", []),
    ("A boss who thought a closed door meant he could do anything. Me too.", ["workplace"]),
    (
        "On a crowded bus, on my way to school. I thought it was my fault. It was not.",
        ["public-place"],
    ),
    ("I was told to smile more and wear shorter skirts if I wanted the promotion.", ["workplace"]),
    (
        "My first job. I was sixteen. Nobody believed me then. I hope someone believes me now.",
        ["workplace"],
    ),
    ("He was a friend of the family. I kept quiet for years to keep the peace.", ["family"]),
    (
        "Messages at 2am from a colleague who would not take no for an answer.",
        ["workplace", "online"],
    ),
    ("I said no. I said it again. Me too.", []),
    ("At a party, at nineteen. I still flinch when someone stands behind me.", ["other"]),
    ("The doctor said it was part of the examination. It was not.", ["healthcare"]),
    ("Me too. And to everyone reading this: it was never your fault.", []),
    ("I reported it. Nothing happened, except that I was moved to another team.", ["workplace"]),
    ("Online, every day, for a year, from a stranger who knew where I lived.", ["online"]),
    ("To my younger self: you were brave, and you were right.", []),
    (
        "A teacher I trusted. I was fifteen. I told no one for thirty years. Me too.",
        ["school", "childhood"],
    ),
    ("In a lift, on my first week. He laughed when I pushed his hand away.", ["workplace"]),
    ("My partner called it love. It was control. Me too.", ["relationship"]),
    ("Every night shift, the same comments. Everyone heard. Nobody said anything.", ["workplace"]),
    ("At 23, at a concert. I froze. Freezing is not consent.", ["public-place"]),
    (
        "It was a religious retreat. I was sixteen. I believed him because everyone did.",
        ["religious-setting"],
    ),
    ("During basic training. Reporting it ended my career, not his.", ["military"]),
    ("He was my manager and he decided my hours. I said yes to keep my job.", ["workplace"]),
    (
        "Someone I met online. The photos he took are still out there somewhere.",
        ["online", "relationship"],
    ),
    ("I am a man and this happened to me too. It took me a long time to say it.", []),
    ("My best friend's brother. I still see him at family dinners.", ["family"]),
    ("Me too. Today I told my sister, and she believed me.", []),
    ("At a party in my first year. I woke up and did not know where I was.", ["school"]),
    ("A stranger on the train, pressed against me for six stops.", ["public-place"]),
    (
        "It happened at a job interview. I did not get the job, and I did not say a word.",
        ["workplace"],
    ),
]

# (title, words, topics, content warnings)
STORIES = [
    (
        "The year I stopped going to practice",
        "I loved the sport more than anything. I trained every morning before school and every "
        "evening after it. Then a coach started telling me I was special, that I needed extra "
        "sessions, that our talks had to stay between us.\n\nI stopped going at fifteen and told "
        "everyone I had lost interest. It took me more than a decade to understand that I had "
        "not lost interest: something had been taken from me.\n\nI am writing this because I "
        "read so many of your words here and, for the first time, I did not feel alone.",
        ["sport", "childhood"],
        ["child-abuse"],
    ),
    (
        "What I wish I had known",
        "It started with jokes. Everyone laughed, so I laughed too. Then it was a hand on my "
        "shoulder that stayed too long, then comments about what I wore, then a night when I "
        "was the last one left in the office.\n\nWhat I wish I had known: that it is not a "
        "misunderstanding when you have said no. That you are allowed to leave. That people "
        "will believe you, maybe not the first person you tell, but someone will.",
        ["workplace"],
        ["harassment"],
    ),
    (
        "",
        "I was a student and he was someone everyone admired. When I finally told a friend, "
        "she told me she had a similar story about the same kind of man in a different place. "
        "Then another friend did. That is when I understood how big this is.\n\nWe are not "
        "isolated cases. We are a pattern, and patterns can be broken.",
        ["school"],
        ["sexual-assault"],
    ),
    (
        "The night I stopped blaming myself",
        "For years I went over every detail: what I wore, what I drank, what I said. I built "
        "a whole case against myself. Then one night a friend asked me a simple question: "
        "would you blame me, if it had been me?\n\nOf course I would not. That night I "
        "stopped blaming myself. It did not fix everything, but it was the start.",
        ["public-place", "other"],
        ["sexual-assault"],
    ),
    (
        "Twenty years of silence",
        "I was a child when it started and a teenager when it stopped. I never told anyone, "
        "because the person was someone the whole family admired.\n\nI am in my thirties "
        "now. Last year I finally told a counsellor. I am writing here because writing it "
        "down, even anonymously, makes it real, and because someone reading this may be "
        "where I was.",
        ["family", "childhood"],
        ["child-abuse"],
    ),
    (
        "Healing is not a straight line",
        "Some days I am fine. Some days a smell or a song takes me straight back. Therapy "
        "helped. Running helped. Talking to a helpline at three in the morning helped more "
        "than I can say.\n\nIf you are reading this at three in the morning: there are people "
        "awake who want to listen. The links on this site are a good place to start.",
        [],
        ["sexual-assault", "self-harm"],
    ),
]

# The same movement in the site's other languages (#YoTambién, #MoiAussi, #أنا_أيضا).
OTHER_LANGUAGES = [
    (
        "es",
        "A los quince, en el autobús del colegio. Pensé que era mi culpa. No lo era. Yo también.",
        ["public-place", "school"],
    ),
    ("es", "Mi primer trabajo. Nadie me creyó entonces. Hoy lo digo en voz alta.", ["workplace"]),
    (
        "fr",
        "À seize ans, dans un vestiaire. J'ai mis des années à en parler. Moi aussi.",
        ["sport"],
    ),
    (
        "fr",
        "Des remarques chaque jour au bureau. Tout le monde entendait. Personne n'a rien dit.",
        ["workplace"],
    ),
    (
        "ar",
        "في الحافلة، وأنا في طريقي إلى المدرسة. ظننت أنه ذنبي. لم يكن كذلك. أنا أيضًا.",
        ["public-place", "school"],
    ),
    ("ar", "في عملي الأول. لم يصدقني أحد حينها. اليوم أقولها بصوت عالٍ.", ["workplace"]),
]


class Command(BaseCommand):
    help = "Load demo testimonies: published, fictional, without identifying details."

    def add_arguments(self, parser):
        parser.add_argument("--metoos", type=int, default=120, help="How many bare 'me too's.")

    @transaction.atomic
    def handle(self, *args, metoos, **options):
        if Testimony.objects.exists():
            self.stdout.write("Testimonies already exist: demo content not loaded again.")
            return
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        warnings = {warning.slug: warning for warning in ContentWarning.objects.all()}

        def labels(found: dict, slugs: list[str]) -> list:
            # An operator may have renamed or removed a label: those are left out.
            return [found[slug] for slug in slugs if slug in found]

        for _ in range(metoos):
            testimony_submit(kind=Testimony.Kind.METOO)
        for body, slugs in STATEMENTS:
            self._publish(
                testimony_submit(
                    kind=Testimony.Kind.STATEMENT, body=body, topics=labels(topics, slugs)
                )
            )
        for language, body, slugs in OTHER_LANGUAGES:
            self._publish(
                testimony_submit(
                    kind=Testimony.Kind.STATEMENT,
                    body=body,
                    language=language,
                    topics=labels(topics, slugs),
                )
            )
        for title, body, slugs, warning_slugs in STORIES:
            self._publish(
                testimony_submit(
                    kind=Testimony.Kind.STORY,
                    title=title,
                    body=body,
                    topics=labels(topics, slugs),
                    content_warnings=labels(warnings, warning_slugs),
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {metoos} “me too”s, {len(STATEMENTS) + len(OTHER_LANGUAGES)} statements "
                f"and {len(STORIES)} stories."
            )
        )

    def _publish(self, submission: Submission) -> None:
        testimony_publish(testimony=submission.testimony)
