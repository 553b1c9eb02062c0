"""Telling readers apart without knowing who they are, for reactions and reports."""

import hashlib
import hmac
import secrets

from django.conf import settings


def reader_key(request) -> str:
    """A keyed hash of the account id, or of a random id kept in the reader's session."""
    if request.user.is_authenticated:
        identity = f"user:{request.user.pk}"
    else:
        if "reader_id" not in request.session:
            request.session["reader_id"] = secrets.token_urlsafe(16)
        identity = f"session:{request.session['reader_id']}"
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()
