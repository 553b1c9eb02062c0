"""/metrics: what an operator's Prometheus reads, and who may read it."""

import pytest

from moderation import services
from moderation.models import QueueItem
from testimonies.models import Testimony
from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

SHARED = "Someone I trusted at the office, words that must never reach a label."


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_ENABLED = True
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    settings.METRICS_TOKEN = "a-long-scrape-token"


def scrape(client, **extra):
    return client.get("/metrics", REMOTE_ADDR="10.1.2.3", **extra)


def test_after_a_share_and_a_decision_the_series_are_there(client, metrics_on):
    client.post("/share/", {"kind": "statement", "body": SHARED}, REMOTE_ADDR="192.0.2.44")
    testimony = Testimony.objects.get()
    services.testimony_screen(testimony_id=testimony.pk)
    item = QueueItem.objects.get(testimony=testimony)
    services.decision_approve(item_id=item.pk, moderator=ModeratorFactory(), version=1)
    client.get("/", REMOTE_ADDR="192.0.2.44")

    response = scrape(client)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'metoo_http_requests_total{method="POST",status="200",view="testimonies:share"}' in text
    assert 'metoo_http_request_duration_seconds_count{view="wall:wall"}' in text
    assert 'metoo_submissions_total{kind="statement"}' in text
    assert 'metoo_moderation_queue_items{list="new"} 0.0' in text
    assert "metoo_moderation_oldest_waiting_seconds 0.0" in text
    assert 'metoo_broker_backlog_messages{queue="' in text
    assert "metoo_broker_up 1.0" in text


def test_no_label_names_an_address_a_path_or_what_someone_wrote(client, metrics_on):
    client.post("/share/", {"kind": "statement", "body": SHARED}, REMOTE_ADDR="192.0.2.44")
    client.get("/?q=office", REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Mozilla/5.0 Distinct")
    client.get("/no/such/page/" + "x" * 20, REMOTE_ADDR="192.0.2.44")
    text = scrape(client).content.decode()
    assert 'view="unmatched"' in text
    for private in ("192.0.2.44", "office", "Distinct", "xxxxxxxx", "Someone I trusted"):
        assert private not in text


def test_another_address_is_refused(client, metrics_on):
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.44").status_code == 403


def test_a_forged_forwarded_for_does_not_open_the_metrics(client, metrics_on, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get(
        "/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.2.3, 192.0.2.44"
    )
    assert response.status_code == 403


def test_the_token_lets_a_scraper_in_from_anywhere(client, metrics_on):
    response = client.get(
        "/metrics", REMOTE_ADDR="192.0.2.44", HTTP_AUTHORIZATION="Bearer a-long-scrape-token"
    )
    assert response.status_code == 200
    wrong = client.get("/metrics", REMOTE_ADDR="192.0.2.44", HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.status_code == 403


def test_the_metrics_do_not_exist_unless_enabled(client, settings):
    settings.METRICS_ENABLED = False
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_metrics_are_never_kept_by_a_cache(client, metrics_on):
    assert "no-store" in scrape(client)["Cache-Control"]
