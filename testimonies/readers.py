"""Telling readers apart without knowing who they are, for reactions and reports."""

import hashlib
import hmac

from django.conf import settings

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
