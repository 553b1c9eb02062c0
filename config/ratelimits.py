"""Per-client rate limits, keyed so that no one can tell from a key which address sent a request."""

import hmac
import ipaddress
import logging
import re
import secrets
from datetime import UTC, datetime
from hashlib import sha256

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

# Each scope maps to its rates ("count/period", period s, m, h or d, e.g. "5/h" or "5/15m").
# A request is refused when any one rate is exceeded. settings.RATELIMITS overrides scopes
# one by one; a scope set to [] is never limited.
DEFAULT_RATELIMITS: dict[str, list[str]] = {
    # Posting a "me too", statement or story: a survivor rarely posts more than a few an hour,
    # a spammer posts many all day.
    "share": ["5/h", "20/d"],
    # Every post of the share form, counted before its text is even cleaned, so a hostile or
    # oversized body pays for itself; roomy enough to correct a refused form many times.
    "share_attempt": ["20/h", "60/d"],
    # "I believe you" / "Me too" / "Sending strength": a reader may react to a page of the wall.
    "reaction": ["60/h"],
    # Reporting a testimony: enough for a reader who finds several, too few to bury the queue.
    "report": ["10/h"],
    # Entering a receipt code: a code has about 90 bits, and this keeps guessing pointless.
    "receipt_lookup": ["10/h"],
}
# Signing in and signing up are limited by allauth itself (ACCOUNT_RATE_LIMITS in settings),
# keyed by client_key() through config.account_adapter.

# What a view shows (with status 429) above the form, which it renders again with the text.
LIMIT_REACHED_MESSAGE = _(
    "You have sent a lot in a short time. Nothing was lost: your text is still below. "
    "Please wait a while and try again."
)

# Long enough for every process to still find the secret around midnight and with skewed
# clocks; short enough that yesterday's keys cannot be recomputed the day after.
SECRET_TIME_TO_LIVE = 2 * 24 * 60 * 60

_RATE = re.compile(r"\d+/([1-9]\d*)?[smhd]")
# Stands in for a client whose address cannot be read at all (e.g. a Unix-socket proxy).
_UNKNOWN_ADDRESS = "unknown"

# Only used while the ratelimit cache is unreachable, so that client_key still answers; it is
# never stored, and limit_reached lets requests through during an outage anyway.
_outage_secret: tuple[str, bytes] = ("", b"")


def rates_for(scope: str) -> list[str]:
    """The rates of a scope: settings.RATELIMITS over DEFAULT_RATELIMITS."""
    limits = {**DEFAULT_RATELIMITS, **getattr(settings, "RATELIMITS", {})}
    if scope not in limits:
        raise ImproperlyConfigured(f"No rate limit is defined for the scope {scope!r}")
    rates = limits[scope]
    rates = [rates] if isinstance(rates, str) else list(rates or [])
    for rate in rates:
        if not isinstance(rate, str) or not _RATE.fullmatch(rate):
            raise ImproperlyConfigured(f"Rate {rate!r} of the scope {scope!r} is not like '5/h'")
    return rates


def client_key(request: HttpRequest) -> str:
    """Who is asking, for counting: "user:<id>" when signed in, else a keyed hash of the address.

    The hash is an HMAC-SHA256 under today's secret, of the address with IPv6 cut to its /64
    (one home or phone network), so the same client has the same key all day and no one can
    recover the address from it, or the key once the secret has expired.
    """
    try:
        secret = _todays_secret()
    except Exception:  # Any failure of the cache: limit_reached reports it, callers go on.
        secret = _secret_during_outage()
    return _key_under(request, secret)


def limit_reached(request: HttpRequest, scope: str, *, increment: bool = True) -> bool:
    """Count this request against the scope's rates; True when any of them is exceeded.

    With increment=False nothing is counted, and True means the next counted request would
    be refused. When the ratelimit cache is unreachable the request is let through (a
    survivor is never refused because of an outage) and one warning is logged.
    """
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    rates = rates_for(scope)
    if not rates:
        return False
    try:
        key = _key_under(request, _todays_secret())
        for rate in rates:
            usage = get_usage(
                request,
                group=f"metoo.{scope}",
                key=lambda _group, _request: key,
                rate=rate,
                increment=increment,
            )
            if usage is None or _not_counted(usage):
                continue
            if usage["count"] > usage["limit"] or (
                not increment and usage["count"] >= usage["limit"]
            ):
                # Stop here so a refused request does not use up the longer periods too.
                return True
    except Exception as error:  # Redis down, or anything else: never a 500 over a counter.
        # The type only: the message may carry server details, and never names the client.
        logger.warning(
            "Rate limit for %r not checked, request let through: the ratelimit cache failed (%s)",
            scope,
            type(error).__name__,
        )
        return False
    return False


def _key_under(request: HttpRequest, secret: bytes) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return hmac.new(secret, _client_network(request).encode(), sha256).hexdigest()


def client_address(request: HttpRequest) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's address, through TRUSTED_PROXY_COUNT proxies; None if unreadable.

    For deciding, never for keeping: nothing may store or log it.
    """
    address = _parse_address(request.META.get("REMOTE_ADDR", ""))
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        # Each trusted proxy appends the address it saw, so the N-th entry from the right is
        # the client as seen by the outermost one; anything to its left may be forged.
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(hops) >= proxies:
            address = _parse_address(hops[-proxies]) or address
    return address


def _client_network(request: HttpRequest) -> str:
    """The client's address as counted: IPv4 whole, IPv6 as its /64, "unknown" if unreadable."""
    address = client_address(request)
    if address is None:
        return _UNKNOWN_ADDRESS
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _parse_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    # Some proxies write "1.2.3.4:5678" or "[2001:db8::1]:5678".
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket: counted as itself, not as part of a /64
    # that holds every IPv4 address.
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _secret_cache_key(day: str) -> str:
    return f"ratelimit-secret:{day}"


def _utc_day() -> str:
    return datetime.now(UTC).date().isoformat()


def _todays_secret() -> bytes:
    """Today's random secret, the same in every process that shares the ratelimit cache."""
    cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    cache_key = _secret_cache_key(_utc_day())
    secret = cache.get(cache_key)
    if secret is None:
        candidate = secrets.token_bytes(32)
        # add, not set: the first process to get here wins and every other one reads its value.
        if cache.add(cache_key, candidate, SECRET_TIME_TO_LIVE):
            return candidate
        secret = cache.get(cache_key) or candidate
    return secret


def _secret_during_outage() -> bytes:
    global _outage_secret
    day = _utc_day()
    if _outage_secret[0] != day:
        _outage_secret = (day, secrets.token_bytes(32))
    return _outage_secret[1]


def _not_counted(usage: dict) -> bool:
    # get_usage's answer when the cache returned no count (a counter that expired between
    # its add and its incr): a count we do not have is not a reason to refuse.
    return usage["limit"] == 0 and usage["count"] == 0 and usage["time_left"] == -1
