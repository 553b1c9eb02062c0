"""Database sessions that a database outage turns into an empty session instead of a 500.

During an outage the share form must still render, and it reads the session (is anyone
signed in, is a message waiting). An empty session is what a new visitor has: signed out,
nothing waiting. Nothing is written back unless the page changes the session.
"""

import logging

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError

from .database import deadline

logger = logging.getLogger(__name__)


class SessionStore(DatabaseSessionStore):
    def load(self):
        try:
            # A frozen database would otherwise hold a signed-in visitor's every page.
            with deadline(settings.DATABASE_REQUEST_DEADLINE_SECONDS):
                return super().load()
        except DatabaseError:
            logger.warning("Session not read: the database did not answer")
            self._session_key = None
            return {}
