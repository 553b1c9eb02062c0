"""A copy of Redis and of the database, taken after a full journey, does not give the address.

What a seized or breached server gives away is exactly this: every key and value in the cache,
and every row. The test walks the journey from a known address, dumps both, and then tries what
an attacker would: every address of the known address's /16, hashed and keyed with every secret
the dumps contain, against every key and value in them. It finds nothing. With the real secret
(held in the environment, not in either dump) the network's key is found, and it stands for all
256 addresses of the /24, never for one.
"""

import hashlib
import hmac
import ipaddress
import re
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client

from config import ratelimits
from testimonies.models import Testimony
from tests.factories import TestimonyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.services]

ADDRESS = "203.0.113.57"
PASSWORD = "a long and quiet passphrase"


def journey(client: Client) -> None:
    """Everything a survivor and a reader do, from one address."""
    here = {"REMOTE_ADDR": ADDRESS}
    published = TestimonyFactory(published=True)
    client.get("/", **here)
    done = client.post("/share/", {"kind": "statement", "body": "At 19, at work."}, **here)
    code = done.context["receipt_code"]
    client.post("/manage/", {"code": code}, **here)
    client.post("/manage/", {"code": "wrong words seven of them in a row"}, **here)
    client.post(f"/t/{published.public_id}/react/", {"kind": "believe"}, **here)
    client.post(f"/t/{published.public_id}/report/", {"reason": "spam"}, **here)
    client.post("/accounts/login/", {"login": "nobody", "password": "guess"}, **here)
    client.post(
        "/accounts/signup/",
        {"username": "quiet-harbour", "password1": PASSWORD, "password2": PASSWORD},
        **here,
    )
    client.post("/share/", {"kind": "story", "title": "Years", "body": "It was long. " * 5}, **here)
    client.post("/accounts/logout/", **here)
    client.post("/accounts/login/", {"login": "quiet-harbour", "password": PASSWORD}, **here)
    assert Testimony.objects.filter(author__username="quiet-harbour").exists()


def redis_dump() -> list[bytes]:
    """Every key under this suite's prefixes, with its value and expiry, as raw bytes."""
    raw = caches["default"].client.get_client()
    prefixes = {
        alias["KEY_PREFIX"] for alias in settings.CACHES.values() if alias.get("KEY_PREFIX")
    }
    dump = []
    for prefix in prefixes:
        for key in raw.scan_iter(match=f"{prefix}*"):
            dump.append(key)
            value = raw.dump(key)
            dump.append(value or b"")
            if raw.type(key) == b"string":
                dump.append(raw.get(key) or b"")
            dump.append(str(raw.pexpiretime(key)).encode())
    assert dump, "the journey left nothing in Redis: the test would prove nothing"
    return dump


def database_dump() -> list[bytes]:
    """Every row of every table, and every session decoded."""
    dump = []
    for model in apps.get_models():
        for row in model._base_manager.values():
            dump.append(repr(row).encode())
    for session in Session.objects.all():
        dump.append(repr(SessionStore().decode(session.session_data)).encode())
    return dump


def hex_tokens(dump: list[bytes]) -> set[str]:
    tokens = set()
    for blob in dump:
        for token in re.findall(rb"[0-9a-f]{12,}", blob.lower()):
            token = token.decode()
            tokens.update(token[:n] for n in (12, 16, 32, 40, 64) if len(token) >= n)
    return tokens


def candidate_secrets(dump: list[bytes]) -> set[bytes]:
    """Whatever in the dumps could be a key: every value, and every long enough string in it."""
    candidates = {blob for blob in dump if 8 <= len(blob) <= 256}
    for blob in dump:
        candidates.update(re.findall(rb"[\x21-\x7e]{16,128}", blob))
    return candidates


def digests(secret: bytes, text: bytes) -> list[str]:
    keyed = hmac.new(secret, text, hashlib.sha256).hexdigest()
    return [keyed[:12], keyed[:16], keyed]


@pytest.fixture
def dumps(redis_url, client):
    journey(client)
    return redis_dump(), database_dump()


def test_neither_dump_holds_the_address_or_the_secrets(dumps):
    redis, database = dumps
    everything = b"\n".join(redis + database)
    packed = ipaddress.ip_address(ADDRESS).packed
    for needle in (ADDRESS.encode(), b"203.0.113.", packed, packed.hex().encode()):
        assert needle not in everything
    day_secret = ratelimits._secret_for(ratelimits._utc_day())
    for secret in (settings.SECRET_KEY.encode(), day_secret, day_secret.hex().encode()):
        assert secret not in everything


def test_brute_force_over_the_16_with_every_secret_in_the_dumps_finds_nothing(dumps):
    redis, database = dumps
    tokens = hex_tokens(redis + database)
    secrets = candidate_secrets(redis + database)
    day = datetime.now(UTC).date().isoformat()
    derived = {
        hmac.new(s, f"ratelimit-client-key:{day}".encode(), hashlib.sha256).digest()
        for s in secrets
    }
    keys = secrets | derived
    sixteen = ipaddress.ip_network(f"{ADDRESS}/16", strict=False)
    found = []
    # Unkeyed hashes of every address of the /16.
    for address in sixteen:
        text = str(address).encode()
        for digest in (hashlib.sha256(text).hexdigest(), hashlib.md5(text).hexdigest()):  # noqa: S324
            if digest[:12] in tokens:
                found.append(address)
    # Keyed hashes of every /24 network and every address of the first, under every candidate.
    networks = [str(network).encode() for network in sixteen.subnets(new_prefix=24)]
    addresses = [str(address).encode() for address in ipaddress.ip_network("203.0.113.0/24")]
    for key in keys:
        for text in networks + addresses:
            if any(digest in tokens for digest in digests(key, text)):
                found.append((key, text))
    assert found == []
    # The figure, for the closing note: how much was tried.
    assert len(keys) > 10 and len(tokens) > 10


def test_with_the_real_secret_the_key_names_a_network_of_256_addresses_never_one(dumps):
    redis, _database = dumps
    tokens = hex_tokens(redis)
    day = ratelimits._utc_day()
    network = ipaddress.ip_network(f"{ADDRESS}/24", strict=False)
    assert ratelimits.network_key(str(network), day=day) in tokens
    matching = [
        address
        for address in ipaddress.ip_network(f"{ADDRESS}/16", strict=False)
        if ratelimits.network_key(str(ipaddress.ip_network(f"{address}/24", strict=False)), day=day)
        in tokens
    ]
    assert len(matching) == 256


def test_accounts_keep_their_times_only_to_the_hour(dumps, django_user_model):
    user = django_user_model.objects.get(username="quiet-harbour")
    for moment in (user.date_joined, user.last_login):
        assert moment is not None
        assert (moment.minute, moment.second, moment.microsecond) == (0, 0, 0)
