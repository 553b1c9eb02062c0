"""The one entry point the testimonies app uses to ask for screening.

A request for screening is sent once the transaction that saved the testimony has committed,
so a worker never looks for a row it cannot see yet. By default each web process gathers the
ids committed within SCREENING_BATCH_SECONDS and sends them as one job: in a surge, one
message to the broker per batch instead of one per submission, which is most of what a
submission costs the web server. Whatever is not sent (a broker outage, a process killed
between the commit and the send) stays unscreened, and the sweeper
(moderation.tasks.sweep_unscreened) enqueues it again.
"""

import atexit
import logging
import os
import threading
import time

from django.db import transaction

from .app_settings import app_settings

logger = logging.getLogger(__name__)


def screening_request(*, testimony_id: int) -> None:
    """Ask a worker to screen a testimony, once the current transaction has committed."""
    transaction.on_commit(lambda: _committed(testimony_id), robust=True)


def _committed(testimony_id: int) -> None:
    if app_settings.SCREENING_BATCH_SECONDS > 0:
        _outbox.add(testimony_id)
    else:
        _send([testimony_id])


def screening_send(testimony_ids: list[int]) -> None:
    """Send screening jobs for these testimonies now, at most SCREENING_BATCH_SIZE to a job:
    what the outbox does with what it gathered, and the sweeper with what it found."""
    size = app_settings.SCREENING_BATCH_SIZE
    for start in range(0, len(testimony_ids), size):
        _send(testimony_ids[start : start + size])


def _send(testimony_ids: list[int]) -> None:
    from .tasks import screen_testimonies, screen_testimony

    try:
        if len(testimony_ids) == 1:
            screen_testimony.apply_async(args=testimony_ids, retry=True)
        else:
            screen_testimonies.apply_async(args=[testimony_ids], retry=True)
    except Exception as error:
        # The testimonies are saved; only the message is lost. They stay unscreened, and the
        # sweeper enqueues them again when the broker is back. One line per batch: during an
        # outage a traceback each time would bury every other log line.
        logger.warning(
            "Broker unreachable (%s): %d testimonies left for the sweeper",
            type(error).__name__,
            len(testimony_ids),
        )


class ScreeningOutbox:
    """Ids committed in this process, sent in batches by one background thread.

    The thread starts with the first id, in the process that adds it (a web server's worker
    processes are forked: a thread does not survive a fork). It waits SCREENING_BATCH_SECONDS
    after the first id of a batch, so that a surge gathers into few messages while a quiet
    site still sends each submission within that moment.
    """

    def __init__(self):
        self._ids: list[int] = []
        self._lock = threading.Lock()
        self._waiting = threading.Event()
        self._pid = None

    def add(self, testimony_id: int) -> None:
        with self._lock:
            self._ids.append(testimony_id)
            if self._pid != os.getpid():
                self._pid = os.getpid()
                threading.Thread(target=self._run, name="screening-outbox", daemon=True).start()
        self._waiting.set()

    def flush(self) -> None:
        """Send every id gathered so far."""
        with self._lock:
            ids, self._ids = self._ids, []
            self._waiting.clear()
        screening_send(ids)

    def _run(self) -> None:
        while True:
            self._waiting.wait()
            # Daemon threads stop mid-sleep at exit: the atexit flush below sends the rest.
            time.sleep(app_settings.SCREENING_BATCH_SECONDS)
            try:
                self.flush()
            except Exception:  # never let the thread die: the next ids must still go out
                logger.exception("Sending a batch of screening requests failed")


_outbox = ScreeningOutbox()
# A process that stops normally (a web server restarting its workers) sends what it gathered.
atexit.register(_outbox.flush)
