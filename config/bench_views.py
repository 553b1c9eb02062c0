"""Two reference views for scripts/bench_wall.sh: the floor a page is measured against."""

import secrets
from datetime import UTC, datetime

from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.views.decorators.http import require_GET

# Long past, so `manage.py clearsessions` removes the rows and no request could ever use one.
EXPIRED = datetime(2000, 1, 1, tzinfo=UTC)


@require_GET
def constant(request):
    """The same few bytes every time: Django and its middleware, with no work at all."""
    return HttpResponse(b"ok", content_type="text/plain")


@require_GET
def insert_row(request):
    """One INSERT in its own transaction: the least any view that saves something pays.

    A session row, because that table exists on every install (no migration) and nothing the
    public sees (wall, counter, statistics) reads it; the random key keeps every insert new.
    GET, so the load generator needs no CSRF token for the reference.
    """
    Session.objects.create(session_key=secrets.token_hex(16), session_data="", expire_date=EXPIRED)
    return HttpResponse(b"ok", content_type="text/plain")
