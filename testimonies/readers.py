"""Telling readers apart without knowing who they are: for reactions and reports, and to
know who sees a page as everyone does."""

import hashlib
import hmac

from django.conf import settings
from django.contrib import messages

from config.middleware import carries_nothing_personal
from config.ratelimits import client_key


def reader_key(request) -> str:
    """One reader: an account, whatever its cookies, or else one client network for the day.

    The same identity the rate limits count (config.ratelimits.client_key), never a cookie:
    fresh cookie jars or no cookies at all do not make a script many readers. Readers who
    share a network (an IPv4 /24) count as one until the day's key changes: the price of keys
    that cannot be turned back into addresses.
    """
    identity = f"reader:{client_key(request)}"
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()


def same_for_everyone(request) -> bool:
    """Whether this visitor sees a page as every visitor does: no account, no message waiting."""
    if carries_nothing_personal(request):
        # Without a session, nobody is signed in and no message waits: the busiest pages
        # need not load either to know it.
        return True
    return not request.user.is_authenticated and not len(messages.get_messages(request))
