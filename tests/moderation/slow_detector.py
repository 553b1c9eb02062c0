"""A detector that takes its time, so a test can kill a worker in the middle of a screening job."""

import os
import time
from pathlib import Path

# Screening calls every detector for the title too; only the body's call is slow.
SECONDS = float(os.environ.get("SLOW_DETECTOR_SECONDS", "2"))


def find(text: str) -> list:
    if not text:
        return []
    # Tells the test, in another process, that the job has started.
    marker = os.environ.get("SLOW_DETECTOR_MARKER")
    if marker:
        Path(marker).touch()
    time.sleep(SECONDS)
    return []
