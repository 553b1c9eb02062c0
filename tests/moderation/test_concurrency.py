"""Claims under real concurrency: separate connections racing for the head of the queue."""

import threading

import pytest
from django.db import connection

from moderation import services
from moderation.models import QueueItem
from tests.factories import ModeratorFactory, QueueItemFactory


def _race(moderators, work):
    """Run work(moderator) in one thread per moderator, all released at the same instant."""
    barrier = threading.Barrier(len(moderators))
    results, errors = [None] * len(moderators), []

    def run(index, moderator):
        try:
            barrier.wait()
            results[index] = work(moderator)
        except Exception as error:  # reported below, with the test's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(moderators)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_moderators_claiming_at_the_same_time_get_different_items():
    moderators = [ModeratorFactory() for _ in range(4)]
    items = [QueueItemFactory() for _ in range(8)]

    first = _race(moderators, lambda m: services.claim_next_item(moderator=m))
    second = _race(moderators, lambda m: services.claim_next_item(moderator=m))

    claimed = [item.pk for item in first + second]
    assert sorted(claimed) == sorted(item.pk for item in items)
    holders = dict(QueueItem.objects.values_list("pk", "claimed_by"))
    for moderator, item in zip(moderators * 2, first + second, strict=True):
        assert holders[item.pk] == moderator.pk


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_the_same_item_at_once_apply_one_decision():
    item = QueueItemFactory()
    moderators = [ModeratorFactory() for _ in range(2)]

    def decide(moderator):
        try:
            services.decision_reject(item_id=item.pk, moderator=moderator, version=1, reason="spam")
        except services.DecisionRefused:
            return "refused"
        return "applied"

    assert sorted(_race(moderators, decide)) == ["applied", "refused"]
