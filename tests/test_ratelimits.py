"""Tests for config/ratelimits.py: who a client is, and when they have sent too much."""

import hmac
import logging
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from hashlib import sha256

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from config import ratelimits
from config.ratelimits import (
    LIMIT_REACHED_MESSAGE,
    client_key,
    limit_reached,
    rates_for,
)
from tests.conftest import reachable, service_missing

ADDRESS = "203.0.113.7"


@pytest.fixture
def scope_with(settings) -> Callable[..., str]:
    """A scope of its own with the given rates: counters left by earlier runs never count."""

    def make(*rates: str) -> str:
        scope = f"test-{uuid.uuid4().hex}"
        settings.RATELIMITS = {scope: list(rates)}
        return scope

    return make


def post_from(rf: RequestFactory, address: str = ADDRESS, **headers: str):
    return rf.post("/share/", REMOTE_ADDR=address, **headers)


# --- The key --------------------------------------------------------------------------------


def test_two_requests_from_one_address_share_a_key(rf):
    assert client_key(post_from(rf)) == client_key(post_from(rf))


def test_addresses_in_one_ipv4_24_share_a_key(rf):
    assert client_key(post_from(rf, "203.0.113.7")) == client_key(post_from(rf, "203.0.113.250"))


def test_addresses_in_different_ipv4_24s_have_different_keys(rf):
    assert client_key(post_from(rf, "203.0.113.7")) != client_key(post_from(rf, "203.0.114.7"))


def test_ipv6_addresses_in_one_48_share_a_key(rf):
    one = client_key(post_from(rf, "2001:db8:1:2::1"))
    assert one == client_key(post_from(rf, "2001:db8:1:ffff:ffff:ffff:ffff:fffe"))


def test_ipv6_addresses_in_different_48s_have_different_keys(rf):
    assert client_key(post_from(rf, "2001:db8:1:2::1")) != client_key(
        post_from(rf, "2001:db8:2:2::1")
    )


def test_ipv4_mapped_addresses_are_not_lumped_into_one_48(rf):
    one = client_key(post_from(rf, "::ffff:203.0.113.7"))
    assert one == client_key(post_from(rf, "203.0.113.7"))
    assert one != client_key(post_from(rf, "::ffff:203.0.114.7"))


def test_signed_in_users_are_keyed_by_id_wherever_they_are(rf):
    request, elsewhere = post_from(rf, "203.0.113.7"), post_from(rf, "198.51.100.1")
    request.user = elsewhere.user = User(pk=42)
    assert client_key(request) == client_key(elsewhere) == "user:42"


def test_anonymous_users_are_keyed_by_address(rf):
    request = post_from(rf)
    request.user = AnonymousUser()
    assert client_key(request) == client_key(post_from(rf))


def test_the_key_does_not_contain_the_address(rf):
    for address in (ADDRESS, "2001:db8:1:2::1"):
        key = client_key(post_from(rf, address))
        assert address not in key
        assert "2001:db8" not in key
        assert len(key) == ratelimits.KEY_HEX_DIGITS


def test_the_key_is_an_hmac_of_the_network_under_a_secret_derived_from_settings(rf, settings):
    settings.RATELIMIT_SECRET = "an operator's secret"
    day = ratelimits._utc_day()
    secret = hmac.new(b"an operator's secret", f"ratelimit-client-key:{day}".encode(), sha256)
    expected = hmac.new(secret.digest(), b"203.0.113.0/24", sha256).hexdigest()[:16]
    assert client_key(post_from(rf)) == expected


def test_no_secret_is_kept_in_any_cache(rf, scope_with):
    limit_reached(post_from(rf), scope_with("5/h"))
    for alias in ("default", "ratelimit"):
        cache = caches[alias]
        names = cache.keys("*") if hasattr(cache, "keys") else list(cache._cache)
        assert not [name for name in names if "secret" in str(name)]


def test_keys_change_when_the_secret_changes(rf, settings):
    before = client_key(post_from(rf))
    settings.RATELIMIT_SECRET = "another secret"
    assert client_key(post_from(rf)) != before


def test_keys_change_with_the_utc_day(rf, monkeypatch):
    monkeypatch.setattr(ratelimits, "_utc_day", lambda: "2000-01-01")
    first_day = client_key(post_from(rf))
    monkeypatch.setattr(ratelimits, "_utc_day", lambda: "2000-01-02")
    assert client_key(post_from(rf)) != first_day


@pytest.mark.services
def test_a_counter_expires_at_the_end_of_its_window_whenever_it_was_started(
    redis_url, rf, scope_with
):
    scope = scope_with("5/h")
    limit_reached(post_from(rf, "203.0.113.7"), scope)
    cache = caches["ratelimit"]
    (name,) = cache.keys(f"rl:{scope}:*")
    client = cache.client.get_client()
    expires_ms = client.pexpiretime(cache.make_key(name))
    # The end of the hour (plus a second of margin), to the millisecond: nothing of the time
    # the request came in.
    assert expires_ms % 1000 == 0
    assert (expires_ms // 1000 - 1) % 3600 == 0


def test_no_cache_key_names_the_address(rf, scope_with):
    address = "198.51.100.77"
    limit_reached(post_from(rf, address), scope_with("5/h", "20/d"))
    cache = caches["ratelimit"]
    names = cache.keys("*") if hasattr(cache, "keys") else list(cache._cache)
    assert names
    assert not [name for name in names if address in str(name)]


def test_malformed_addresses_do_not_crash(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    garbage = post_from(rf, "not an address", HTTP_X_FORWARDED_FOR="also, not one")
    empty = post_from(rf, "")
    assert client_key(garbage) == client_key(empty)
    assert limit_reached(garbage, "share", increment=False) is False


# --- X-Forwarded-For ------------------------------------------------------------------------


def test_a_forged_forwarded_for_does_not_reset_the_limit_without_trusted_proxies(
    rf, settings, scope_with
):
    settings.TRUSTED_PROXY_COUNT = 0
    scope = scope_with("3/h")
    results = [
        limit_reached(post_from(rf, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"), scope)
        for n in range(6)
    ]
    assert results == [False, False, False, True, True, True]


def test_with_one_trusted_proxy_the_right_most_entry_is_the_client(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    via_proxy = post_from(rf, "10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.9")
    assert client_key(via_proxy) == client_key(post_from(rf, "198.51.100.9"))


def test_with_one_trusted_proxy_a_forged_left_entry_does_not_reset_the_limit(
    rf, settings, scope_with
):
    settings.TRUSTED_PROXY_COUNT = 1
    scope = scope_with("2/h")
    results = [
        limit_reached(
            post_from(rf, "10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.9"), scope
        )
        for n in range(4)
    ]
    assert results == [False, False, True, True]


def test_with_two_trusted_proxies_the_second_entry_from_the_right_is_the_client(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    via_proxies = post_from(
        rf, "10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.9, 10.0.0.1"
    )
    assert client_key(via_proxies) == client_key(post_from(rf, "198.51.100.9"))


def test_a_short_forwarded_for_falls_back_to_the_remote_address(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    direct = post_from(rf, "198.51.100.9", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_key(direct) == client_key(post_from(rf, "198.51.100.9"))


# --- The limits -----------------------------------------------------------------------------


def test_the_limit_admits_as_many_requests_as_the_rate_allows(rf, scope_with):
    scope = scope_with("3/h")
    assert [limit_reached(post_from(rf), scope) for _ in range(5)] == [
        False,
        False,
        False,
        True,
        True,
    ]


def test_any_exceeded_rate_refuses_the_request(rf, scope_with):
    scope = scope_with("5/h", "2/d")
    assert [limit_reached(post_from(rf), scope) for _ in range(3)] == [False, False, True]


def test_one_client_at_the_limit_does_not_limit_another(rf, scope_with):
    scope = scope_with("1/h")
    limit_reached(post_from(rf, "203.0.113.7"), scope)
    assert limit_reached(post_from(rf, "203.0.113.7"), scope) is True
    assert limit_reached(post_from(rf, "198.51.100.7"), scope) is False


def test_a_look_without_increment_counts_nothing_and_says_whether_the_next_is_refused(
    rf, scope_with
):
    scope = scope_with("2/h")
    assert limit_reached(post_from(rf), scope, increment=False) is False
    assert limit_reached(post_from(rf), scope) is False
    assert limit_reached(post_from(rf), scope, increment=False) is False
    assert limit_reached(post_from(rf), scope) is False
    assert limit_reached(post_from(rf), scope, increment=False) is True


def test_with_ratelimit_enable_false_nothing_is_ever_limited(rf, settings, scope_with):
    scope = scope_with("1/h")
    settings.RATELIMIT_ENABLE = False
    assert not any(limit_reached(post_from(rf), scope) for _ in range(10))


def test_every_default_scope_has_rates():
    for scope in ("share", "share_metoo", "reaction", "report", "receipt_lookup"):
        assert rates_for(scope)
    assert rates_for("share") == ["5/h", "20/d"]


def test_settings_override_one_scope_and_keep_the_other_defaults(settings):
    settings.RATELIMITS = {"share": ["1/m"]}
    assert rates_for("share") == ["1/m"]
    assert rates_for("reaction") == ["60/h"]


def test_a_scope_without_rates_is_never_limited(rf, settings):
    settings.RATELIMITS = {"reaction": []}
    assert not any(limit_reached(post_from(rf), "reaction") for _ in range(3))


def test_an_unknown_scope_or_a_bad_rate_is_a_configuration_error(rf, settings):
    with pytest.raises(ImproperlyConfigured):
        limit_reached(post_from(rf), "no-such-scope")
    settings.RATELIMITS = {"share": ["five an hour"]}
    with pytest.raises(ImproperlyConfigured):
        limit_reached(post_from(rf), "share")


def test_the_message_says_nothing_was_lost():
    assert "Nothing was lost" in str(LIMIT_REACHED_MESSAGE)


@pytest.mark.services
def test_a_burst_of_50_concurrent_requests_admits_exactly_the_limit(redis_url, rf, scope_with):
    scope = scope_with("5/h", "20/d")
    requests = [post_from(rf, "198.51.100.50") for _ in range(50)]
    barrier = threading.Barrier(len(requests))
    results: list[bool] = []

    def send(request) -> None:
        barrier.wait()
        results.append(limit_reached(request, scope))

    threads = [threading.Thread(target=send, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 50
    assert results.count(False) == 5


# --- A Redis outage -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path) -> Iterator[tuple[subprocess.Popen, str]]:
    """A redis-server of this test's own, which the test may kill."""
    binary = shutil.which("redis-server")
    if binary is None:
        service_missing("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while not reachable(url):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"redis-server did not start on port {port}")
        time.sleep(0.02)
    yield process, url
    if process.poll() is None:
        process.kill()
    process.wait()


@pytest.mark.services
def test_a_redis_outage_lets_requests_through_with_one_warning(
    rf, settings, scope_with, private_redis, caplog
):
    process, url = private_redis
    # Assigning CACHES fires setting_changed, which drops the cache connections already open.
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
    scope = scope_with("1/h")
    assert limit_reached(post_from(rf), scope) is False
    assert limit_reached(post_from(rf), scope) is True

    process.kill()
    process.wait()
    with caplog.at_level(logging.WARNING, logger="config.ratelimits"):
        assert limit_reached(post_from(rf), scope) is False
    warnings = [r for r in caplog.records if r.name == "config.ratelimits"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    assert ADDRESS not in warnings[0].getMessage()
    assert warnings[0].exc_info is None
    # client_key still answers (an allauth adapter calls it on its own).
    assert len(client_key(post_from(rf))) == ratelimits.KEY_HEX_DIGITS


# --- Where a client stands, and the limits from the environment ------------------------------


def test_the_status_counts_down_what_is_left_and_names_the_end_of_the_window(
    rf, scope_with, monkeypatch
):
    scope = scope_with("3/h", "10/d")
    now = 1_800_000_000 // 3600 * 3600 + 600  # ten minutes past the hour
    monkeypatch.setattr(ratelimits.time, "time", lambda: now)
    assert ratelimits.limit_status(post_from(rf), scope).remaining == 3
    limit_reached(post_from(rf), scope)
    status = ratelimits.limit_status(post_from(rf), scope)
    assert (status.limit, status.remaining) == (3, 2)
    assert status.resets_at.timestamp() == now - 600 + 3600
    assert status.resets_in == "50\xa0minutes"
    for _ in range(3):
        limit_reached(post_from(rf), scope)
    assert ratelimits.limit_status(post_from(rf), scope).remaining == 0


def test_a_used_up_daily_rate_says_when_the_day_ends(rf, scope_with, monkeypatch):
    scope = scope_with("5/h", "2/d")
    now = 1_800_000_000 // 86400 * 86400 + 20 * 3600  # 20:00 UTC
    monkeypatch.setattr(ratelimits.time, "time", lambda: now)
    for _ in range(3):
        limit_reached(post_from(rf), scope)
    status = ratelimits.limit_status(post_from(rf), scope)
    assert (status.limit, status.remaining, status.resets_in) == (2, 0, "4\xa0hours")


def test_no_status_when_limits_are_off(rf, settings, scope_with):
    scope = scope_with("1/h")
    settings.RATELIMIT_ENABLE = False
    assert ratelimits.limit_status(post_from(rf), scope) is None


def test_share_limits_come_from_the_environment():
    found = ratelimits.rates_from_environment(
        {"RATELIMIT_SHARE": "3/h, 10/d", "RATELIMIT_SHARE_METOO": "120/h,600/d", "HOME": "/"}
    )
    assert found == {"share": ["3/h", "10/d"], "share_metoo": ["120/h", "600/d"]}
    assert ratelimits.rates_from_environment({"RATELIMIT_SHARE_METOO": ""}) == {"share_metoo": []}


def test_a_mistyped_rate_in_the_environment_stops_the_site_at_start_up():
    import os
    import sys

    env = {**os.environ, "RATELIMIT_SHARE_METOO": "sixty an hour"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = "import config.settings"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "Rate 'sixty an hour' of the scope 'share_metoo' is not like '5/h'" in done.stderr
    env["RATELIMIT_SHARE_METOO"] = "90/h"
    code = "import config.settings as s; print(s.RATELIMITS)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "{'share_metoo': ['90/h']}"
