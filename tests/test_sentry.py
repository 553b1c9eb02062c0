"""Error reports to Sentry carry what failed, never what a survivor wrote or who they are."""

import secrets
import string

import pytest
import sentry_sdk
from django.test import Client
from sentry_sdk.transport import Transport

from config.sentry import sentry_init
from testimonies import services

pytestmark = pytest.mark.django_db


class CapturingTransport(Transport):
    """Keeps every envelope instead of sending it: no network."""

    sent: list[bytes] = []

    def capture_envelope(self, envelope):
        self.sent.append(envelope.serialize())


@pytest.fixture
def sentry_events():
    CapturingTransport.sent = []
    sentry_init(
        dsn="https://public@sentry.invalid/1", environment="test", transport=CapturingTransport
    )
    try:
        yield CapturingTransport.sent
    finally:
        sentry_sdk.init()  # no DSN: reports off again


def test_a_testimonys_words_in_a_failing_request_never_reach_sentry(sentry_events, monkeypatch):
    # Made up now, so that the stack's source lines (which do go to Sentry) cannot hold them.
    # The words are letters only: digits in them may read as a phone number, and the pre-send
    # notice would then answer before anything fails.
    words = "".join(secrets.choice(string.ascii_lowercase) for _ in range(16))
    query, cookie, agent = (secrets.token_hex(8) for _ in range(3))

    def database_fell_over(**kwargs):
        raise RuntimeError("the database fell over")

    monkeypatch.setattr(services, "testimony_submit", database_fell_over)
    client = Client(raise_request_exception=False, HTTP_USER_AGENT=f"Browser/{agent}")
    client.cookies["sessionid"] = cookie
    response = client.post(
        f"/share/?from={query}",
        {"kind": "story", "body": f"My manager cornered me after the shift {words}"},
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 500
    sentry_sdk.flush()

    event = b"".join(sentry_events).decode()
    assert "the database fell over" in event, "the failure itself is reported"
    assert "/share/" in event
    for private in (words, query, cookie, agent, "192.0.2.44"):
        assert private not in event
