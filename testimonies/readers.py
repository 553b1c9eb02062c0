"""Telling readers apart without knowing who they are: for reactions and reports, and to
know who sees a page as everyone does."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib import messages

from config.middleware import carries_nothing_personal


def reader_key(request) -> str:
    """A keyed hash of the account id, or of a random id kept in the reader's session."""
    if request.user.is_authenticated:
        identity = f"user:{request.user.pk}"
    else:
        if "reader_id" not in request.session:
            request.session["reader_id"] = secrets.token_urlsafe(16)
        identity = f"session:{request.session['reader_id']}"
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()


def same_for_everyone(request) -> bool:
    """Whether this visitor sees a page as every visitor does: no account, no message waiting."""
    if carries_nothing_personal(request):
        # Without a session, nobody is signed in and no message waits: the busiest pages
        # need not load either to know it.
        return True
    return not request.user.is_authenticated and not len(messages.get_messages(request))
