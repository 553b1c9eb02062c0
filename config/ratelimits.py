"""Per-client rate limits, keyed so that no one can tell from a key which address sent a request."""

import hmac
import ipaddress
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from hashlib import sha256

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

# Each scope maps to its rates ("count/period", period s, m, h or d, e.g. "5/h" or "2/d").
# A request is refused when any one rate is exceeded. settings.RATELIMITS overrides scopes
# one by one (filled from RATELIMIT_<SCOPE> in the environment, e.g.
# RATELIMIT_SHARE_METOO="120/h,600/d": rates_from_environment); a scope set to [] is never
# limited. Keep periods of an hour or more: a counter's name carries its window, and a shorter
# window would tell more precisely when a client came.
DEFAULT_RATELIMITS: dict[str, list[str]] = {
    # Posting a statement or story: a survivor rarely posts more than a few an hour, a spammer
    # posts many all day.
    "share": ["5/h", "20/d"],
    # A bare "me too", with no words (from the wall's one-tap button or the form): nothing to
    # moderate, and one network may be a campus or a shelter where many say it in one hour.
    "share_metoo": ["60/h", "300/d"],
    # Every post of the share form with words, counted before its text is even cleaned, so a
    # hostile or oversized body pays for itself; roomy enough to correct a refused form many
    # times. A bare "me too" counts against share_metoo alone.
    "share_attempt": ["20/h", "60/d"],
    # "I believe you" / "Me too" / "Sending strength": a reader may react to a page of the wall.
    "reaction": ["60/h"],
    # Reporting a testimony: enough for a reader who finds several, too few to bury the queue
    # or to take down one testimony after another.
    "report": ["10/h", "20/d"],
    # Entering a receipt code to open or change a testimony: a code has over 90 bits, and this
    # keeps guessing pointless. Withdrawing with a valid code is never limited (only a wrong
    # code sent to withdraw counts here).
    "receipt_lookup": ["10/h"],
    # Every sign-in attempt from one client, whatever the account.
    "login": ["30/h"],
    # Failed sign-ins for one account from one client: a stranger elsewhere never uses up the
    # right person's attempts (allauth keeps only a far higher per-account ceiling).
    "login_failed": ["10/h"],
    # New accounts from one client.
    "signup": ["10/h"],
}

# What a view shows (with status 429) above the form, which it renders again with the text.
LIMIT_REACHED_MESSAGE = _(
    "You have sent a lot in a short time. Nothing was lost: your text is still below. "
    "Please wait a while and try again."
)

# How much of a client network is one client. With an IPv4 /24 each key stands for 256
# addresses at least, even to someone who holds every secret; an IPv6 /48 is one site.
IPV4_PREFIX = 24
IPV6_PREFIX = 48
# 64 bits of the HMAC: no two networks share a counter by chance.
KEY_HEX_DIGITS = 16

_RATE = re.compile(r"\d+/([1-9]\d*)?[smhd]")
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Stands in for a client whose address cannot be read at all (e.g. a Unix-socket proxy).
_UNKNOWN_ADDRESS = "unknown"


def rates_for(scope: str) -> list[str]:
    """The rates of a scope: settings.RATELIMITS over DEFAULT_RATELIMITS."""
    limits = {**DEFAULT_RATELIMITS, **getattr(settings, "RATELIMITS", {})}
    if scope not in limits:
        raise ImproperlyConfigured(f"No rate limit is defined for the scope {scope!r}")
    rates = limits[scope]
    rates = [rates] if isinstance(rates, str) else list(rates or [])
    _check_rates(scope, rates)
    return rates


def _check_rates(scope: str, rates: list) -> None:
    for rate in rates:
        if not isinstance(rate, str) or not _RATE.fullmatch(rate):
            raise ImproperlyConfigured(f"Rate {rate!r} of the scope {scope!r} is not like '5/h'")


def rates_from_environment(environ: Mapping[str, str]) -> dict[str, list[str]]:
    """RATELIMIT_<SCOPE>="5/h,20/d" for any scope of DEFAULT_RATELIMITS ("" turns it off).

    Read by config/settings.py, so a mistyped rate stops the site at start-up instead of
    failing every request of its scope.
    """
    found = {}
    for scope in DEFAULT_RATELIMITS:
        text = environ.get(f"RATELIMIT_{scope.upper()}")
        if text is not None:
            found[scope] = [rate.strip() for rate in text.split(",") if rate.strip()]
            _check_rates(scope, found[scope])
    return found


def client_key(request: HttpRequest) -> str:
    """Who is asking, for counting: "user:<id>" when signed in, else a keyed hash of the network.

    The hash is an HMAC-SHA256 under today's secret, of the client's network (IPv4 cut to its
    /24, IPv6 to its /48). The secret is derived in each process from RATELIMIT_SECRET (default
    SECRET_KEY) and the UTC day, and never stored: a dump of the cache holds keys, not the means
    to test an address against them. Even with every secret a key names a network of at least
    256 addresses, never an address; the price is that clients of one network share limits.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return network_key(_client_network(request), day=_utc_day())


def network_key(network: str, *, day: str) -> str:
    """The key of a client network on a day (what client_key computes; tests recompute it)."""
    digest = hmac.new(_secret_for(day), network.encode(), sha256).hexdigest()
    return digest[:KEY_HEX_DIGITS]


def limit_reached(request: HttpRequest, scope: str, *, increment: bool = True) -> bool:
    """Count this request against the scope's rates; True when any of them is exceeded.

    With increment=False nothing is counted, and True means the next counted request would
    be refused. When the ratelimit cache is unreachable the request is let through (a
    survivor is never refused because of an outage) and one warning is logged.
    """
    return key_limit_reached(scope, client_key(request), increment=increment)


def key_limit_reached(scope: str, key: str, *, increment: bool = True) -> bool:
    """limit_reached for a key the caller built from client_key (e.g. with an account)."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    rates = rates_for(scope)
    if not rates:
        return False
    try:
        cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
        for rate in rates:
            if _over(cache, _counter_name(scope, rate, key), rate, increment=increment):
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


@dataclass(frozen=True)
class LimitStatus:
    """Where a client stands in a scope: what the rate that binds first allows, how much of it
    is left, and when its window ends (windows end on the clock: the hour, the day)."""

    limit: int
    remaining: int
    resets_at: datetime
    # When the counters were read: the "now" that "in 20 minutes" counts from.
    read_at: datetime

    @property
    def resets_in(self) -> str:
        """How long until then, in the active language: "20 minutes", "5 hours, 12 minutes"."""
        return timeuntil(self.resets_at, self.read_at)


def limit_status(request: HttpRequest, scope: str) -> LimitStatus | None:
    """How many requests of the scope this client has left, and when the count starts again.

    Of several rates, the one used up that frees last, else the one with fewest left. None
    when nothing is limited or the counters cannot be read. Counts nothing.
    """
    if not getattr(settings, "RATELIMIT_ENABLE", True) or not rates_for(scope):
        return None
    key = client_key(request)
    now = time.time()
    statuses = []
    try:
        cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
        for rate in rates_for(scope):
            count, period = _parse(rate)
            window = int(now // period)
            used = cache.get(f"{_counter_name(scope, rate, key)}:{window}") or 0
            ends_at = datetime.fromtimestamp((window + 1) * period, tz=UTC)
            read_at = datetime.fromtimestamp(now, tz=UTC)
            statuses.append(LimitStatus(count, max(count - used, 0), ends_at, read_at))
    except Exception as error:  # as in key_limit_reached: a counter never causes a 500
        logger.warning("Rate limit status for %r not read (%s)", scope, type(error).__name__)
        return None
    used_up = [status for status in statuses if status.remaining == 0]
    if used_up:
        return max(used_up, key=lambda status: status.resets_at)
    return min(statuses, key=lambda status: (status.remaining, status.resets_at))


def limit_reached_message(request: HttpRequest, scope: str) -> str:
    """LIMIT_REACHED_MESSAGE, how many the limit allows (none left), and when the client may
    send again."""
    status = limit_status(request, scope)
    if status is None or status.remaining:
        return str(LIMIT_REACHED_MESSAGE)
    used_up = ngettext(
        "One network can send this form %(limit)s time before a pause, and none is left for now.",
        "One network can send this form %(limit)s times before a pause, and none are left for now.",
        status.limit,
    ) % {"limit": status.limit}
    again = _now("You can try again in %(time)s.") % {"time": status.resets_in}
    return f"{LIMIT_REACHED_MESSAGE} {used_up} {again}"


def _counter_name(scope: str, rate: str, key: str) -> str:
    """A counter's name; _over adds its window."""
    return f"rl:{scope}:{rate}:{key}"


def _over(cache, name: str, rate: str, *, increment: bool) -> bool:
    """One fixed-window counter, its window aligned to the clock (the hour, the day).

    Hand-written rather than django-ratelimit's get_usage, whose counter expires a period after
    the client's first request, so that its time to live told that request's time to the
    second. Here the name carries the window and the counter expires at the window's end:
    one created at 10:00:01 and one created at 10:59:59 look alike.
    """
    count, period = _parse(rate)
    now = time.time()
    window = int(now // period)
    name = f"{name}:{window}"
    ends_at = (window + 1) * period
    if not increment:
        return (cache.get(name) or 0) >= count
    if cache.add(name, 1, timeout=ends_at - now + 1):
        used = 1
        _expire_at_window_end(cache, name, ends_at)
    else:
        try:
            used = cache.incr(name)
        except ValueError:  # It expired between add and incr: this request starts it again.
            cache.add(name, 1, timeout=ends_at - now + 1)
            _expire_at_window_end(cache, name, ends_at)
            used = 1
    return used > count


def _expire_at_window_end(cache, name: str, ends_at: int) -> None:
    # add() sets a time to live counted from now, which Redis keeps to the millisecond: set
    # the end of the window itself instead, so the expiry holds no trace of the request's time.
    if hasattr(cache, "expire_at"):  # django-redis
        cache.expire_at(name, datetime.fromtimestamp(ends_at + 1, tz=UTC))


def _parse(rate: str) -> tuple[int, int]:
    count, _slash, period = rate.partition("/")
    return int(count), int(period[:-1] or 1) * _PERIODS[period[-1]]


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
    """The client's network as counted: IPv4 /24, IPv6 /48, "unknown" if unreadable."""
    address = client_address(request)
    if address is None:
        return _UNKNOWN_ADDRESS
    prefix = IPV6_PREFIX if address.version == 6 else IPV4_PREFIX
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


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
    # An IPv4 client seen through an IPv6 socket: counted as itself, not as part of a /48
    # that holds every IPv4 address.
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _utc_day() -> str:
    return datetime.now(UTC).date().isoformat()


def _secret_for(day: str) -> bytes:
    master = getattr(settings, "RATELIMIT_SECRET", "") or settings.SECRET_KEY
    return _derived_secret(master, day)


@lru_cache(maxsize=4)
def _derived_secret(master: str, day: str) -> bytes:
    return hmac.new(master.encode(), f"ratelimit-client-key:{day}".encode(), sha256).digest()
