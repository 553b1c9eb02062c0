"""Load a few dozen fictional, non-identifying testimonies so a new install has a wall."""

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from testimonies.models import ContentWarning, Testimony, Topic
from testimonies.services import Submission, testimony_publish, testimony_submit

# Fictional and deliberately without names, places or other identifying details.
STATEMENTS = [
    "At 8, at 12, at 14, at 19. Me too.",
    "It took me twenty years to say it out loud. Me too.",
    "A boss who thought a closed door meant he could do anything. Me too.",
    "On a crowded bus, on my way to school. I thought it was my fault. It was not.",
    "I was told to smile more and wear shorter skirts if I wanted the promotion.",
    "My first job. I was sixteen. Nobody believed me then. I hope someone believes me now.",
    "He was a friend of the family. I kept quiet for years to keep the peace.",
    "Messages at 2am from a colleague who would not take no for an answer.",
    "I said no. I said it again. Me too.",
    "At a party, at nineteen. I still flinch when someone stands behind me.",
    "The doctor said it was part of the examination. It was not.",
    "Me too. And to everyone reading this: it was never your fault.",
    "I reported it. Nothing happened, except that I was moved to another team.",
    "Online, every day, for a year, from a stranger who knew where I lived.",
    "To my younger self: you were brave, and you were right.",
]

STORIES = [
    (
        "The year I stopped going to practice",
        "I loved the sport more than anything. I trained every morning before school and every "
        "evening after it. Then a coach started telling me I was special, that I needed extra "
        "sessions, that our talks had to stay between us.\n\nI stopped going at fifteen and told "
        "everyone I had lost interest. It took me more than a decade to understand that I had "
        "not lost interest: something had been taken from me.\n\nI am writing this because I "
        "read so many of your words here and, for the first time, I did not feel alone.",
    ),
    (
        "What I wish I had known",
        "It started with jokes. Everyone laughed, so I laughed too. Then it was a hand on my "
        "shoulder that stayed too long, then comments about what I wore, then a night when I "
        "was the last one left in the office.\n\nWhat I wish I had known: that it is not a "
        "misunderstanding when you have said no. That you are allowed to leave. That people "
        "will believe you, maybe not the first person you tell, but someone will.",
    ),
    (
        "",
        "I was a student and he was someone everyone admired. When I finally told a friend, "
        "she told me she had a similar story about the same kind of man in a different place. "
        "Then another friend did. That is when I understood how big this is.\n\nWe are not "
        "isolated cases. We are a pattern, and patterns can be broken.",
    ),
    (
        "Healing is not a straight line",
        "Some days I am fine. Some days a smell or a song takes me straight back. Therapy "
        "helped. Running helped. Talking to a helpline at three in the morning helped more "
        "than I can say.\n\nIf you are reading this at three in the morning: there are people "
        "awake who want to listen. The links on this site are a good place to start.",
    ),
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
        rng = random.Random(2017)
        topics = list(Topic.objects.all())
        warnings = {w.slug: w for w in ContentWarning.objects.all()}
        for _ in range(metoos):
            testimony_submit(kind=Testimony.Kind.METOO)
        for body in STATEMENTS:
            self._publish(
                testimony_submit(
                    kind=Testimony.Kind.STATEMENT, body=body, topics=rng.sample(topics, k=1)
                )
            )
        for title, body in STORIES:
            self._publish(
                testimony_submit(
                    kind=Testimony.Kind.STORY,
                    title=title,
                    body=body,
                    topics=rng.sample(topics, k=2),
                    content_warnings=[warnings["sexual-assault"]]
                    if "sexual-assault" in warnings
                    else [],
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {metoos} “me too”s, {len(STATEMENTS)} statements "
                f"and {len(STORIES)} stories."
            )
        )

    def _publish(self, submission: Submission) -> None:
        testimony_publish(testimony=submission.testimony)
