"""The topics and content warnings a survivor can choose, still known when the database is not.

The share form reads them from the database. Each process also remembers them (and puts them
in the shared cache) every few minutes, so that during a database outage the form renders
with the same choices, and the words a survivor typed come back around them. With neither
the database nor any copy, the labels every install starts with are used.
"""

import logging
from importlib import import_module

from django.core.cache import cache, caches
from django.db import DatabaseError

from .models import ContentWarning, Topic

logger = logging.getLogger(__name__)

CACHE_KEY = "share-labels"
# How often a process refreshes its copy from the database.
REFRESH_SECONDS = 300
# A day in the shared cache: an outage longer than that is an outage of the cache too.
SHARED_SECONDS = 24 * 60 * 60

Labels = dict[str, list[tuple[str, str]]]


def _from_database() -> Labels:
    return {
        "topics": list(Topic.objects.values_list("slug", "name")),
        "content_warnings": list(ContentWarning.objects.values_list("slug", "name")),
    }


def _seeded() -> Labels:
    seed = import_module("testimonies.migrations.0002_default_labels")
    return {"topics": list(seed.TOPICS), "content_warnings": list(seed.CONTENT_WARNINGS)}


def labels_remember() -> None:
    """Keep a copy of the labels for an outage; one database read per process every few minutes."""
    near = caches["near"]
    if near.get(CACHE_KEY) is not None:
        return
    try:
        labels = _from_database()
    except DatabaseError:
        return
    near.set(CACHE_KEY, labels, timeout=REFRESH_SECONDS)
    cache.set(CACHE_KEY, labels, timeout=SHARED_SECONDS)


def labels_during_outage() -> Labels:
    """The best copy of the labels there is without the database."""
    return caches["near"].get(CACHE_KEY) or cache.get(CACHE_KEY) or _seeded()
