"""One beat at a time: a second beat sends nothing, and takes over when the first stops."""

import pytest
import redis
from celery.beat import PersistentScheduler
from django.conf import settings

from config.beat import SingleBeatScheduler
from config.celery import app


@pytest.fixture
def beats(redis_url, tmp_path, monkeypatch):
    ticked = []
    monkeypatch.setattr(PersistentScheduler, "tick", lambda self, *a, **k: ticked.append(self) or 5)
    made = []

    def beat(name):
        scheduler = SingleBeatScheduler(app=app, schedule_filename=str(tmp_path / name))
        made.append(scheduler)
        return scheduler

    redis.Redis.from_url(redis_url).delete(f"beat-lock:{settings.CELERY_TASK_DEFAULT_QUEUE}")
    yield beat, ticked
    for scheduler in made:
        scheduler.close()


def test_a_second_beat_sends_nothing_while_the_first_runs(beats):
    beat, ticked = beats
    first, second = beat("first"), beat("second")

    first.tick()
    second.tick()
    first.tick()

    assert ticked == [first, first]


def test_the_second_beat_takes_over_when_the_first_stops(beats):
    beat, ticked = beats
    first, second = beat("first"), beat("second")
    first.tick()
    second.tick()

    first.close()
    second.tick()

    assert ticked == [first, second]


def test_a_waiting_beat_looks_again_well_within_the_locks_lifetime(beats):
    beat, _ticked = beats
    first, second = beat("first"), beat("second")
    first.tick()

    assert second.tick() < SingleBeatScheduler.LOCK_SECONDS
