"""The site behind Debian's nginx, as deployed: two gunicorn instances, two workers, one beat.

Every request here goes through nginx over TLS from a visitor's own loopback address
(127.0.0.77 and others, each in a /24 of its own: a /24 is one client), exactly as it would
from the internet through deploy/nginx.conf.
"""

import json
import re
import secrets
import shutil
import string
import time

import pytest
from django.conf import settings

from moderation import services
from moderation.models import QueueItem, Screening
from testimonies.models import Testimony
from tests.cluster.harness import METRICS_TOKEN, MONITORING_ADDRESS, NGINX, running_cluster
from tests.conftest import reachable, service_missing, wait_for
from tests.factories import ModeratorFactory

pytestmark = [pytest.mark.cluster, pytest.mark.django_db(transaction=True)]

SURVIVOR = "127.0.0.77"
ANOTHER_SURVIVOR = "127.0.1.78"
READER = "127.0.2.79"
EVERY_CLIENT = (SURVIVOR, ANOTHER_SURVIVOR, READER, MONITORING_ADDRESS)


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    if not shutil.which(NGINX):
        service_missing("nginx is not installed (apt-get install nginx)")
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        service_missing("the cluster needs PostgreSQL: DATABASE_URL does not point at it")
    if not settings.REDIS_URL or not reachable(settings.REDIS_URL):
        service_missing("the cluster needs Redis: REDIS_URL is not set or not reachable")
    started = time.monotonic()
    with django_db_blocker.unblock(), running_cluster(tmp_path_factory.mktemp("cluster")) as c:
        print(f"\ncluster: up in {time.monotonic() - started:.1f}s at {c.origin}")
        yield c


@pytest.fixture(autouse=True)
def workers_done_before_the_flush(cluster):
    """The database is emptied after each test: the workers must first finish screening what
    the test sent, or their transactions and the flush deadlock."""
    yield
    wait_for(
        lambda: (
            not Testimony.objects.exclude(kind="metoo")
            .exclude(pk__in=Screening.objects.values("testimony_id"))
            .exists()
        ),
        timeout=60,
    )


def words() -> str:
    """A statement no other test writes, to find it again (and never in a log). Letters only:
    a run of digits may read as a phone number, and the form would ask before sending it."""
    marker = "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))
    return f"It happened on the night shift, marker {marker}."


def receipt_code(response) -> str:
    return re.search(r'class="receipt__code"><code>([^<]+)</code>', response.text).group(1)


def test_a_statement_shared_through_nginx_is_screened_by_a_worker_and_public_once_approved(
    cluster,
):
    started = time.monotonic()
    text = words()
    response = cluster.browser(SURVIVOR).share(body=text)
    assert response.status == 200, response.text[-2000:]
    assert "no-store" in response.headers["Cache-Control"]
    assert receipt_code(response)

    testimony = Testimony.objects.get(body=text)
    wait_for(lambda: Screening.objects.filter(testimony=testimony).exists(), timeout=60)
    screened = time.monotonic()
    item = QueueItem.objects.get(testimony=testimony, is_open=True)
    services.decision_approve(item_id=item.pk, moderator=ModeratorFactory(), version=1)

    reader = cluster.browser(READER)
    page = reader.get(f"/t/{testimony.public_id}/")
    assert page.status == 200
    assert text in page.text
    wait_for(lambda: text in reader.get("/").text, timeout=30)
    print(
        f"share path end to end: submitted, screened by a worker in {screened - started:.1f}s, "
        f"on the wall through nginx {time.monotonic() - started:.1f}s after submitting"
    )


def test_rate_limits_count_the_real_client_behind_nginx_whatever_it_forges(cluster):
    survivor = cluster.browser(SURVIVOR)
    statuses = [
        survivor.share(body=words(), headers={"X-Forwarded-For": f"203.0.113.{n}"}).status
        for n in range(1, 6)
    ]
    assert statuses == [200] * 5

    text = words()
    refused = survivor.share(body=text, headers={"X-Forwarded-For": "198.51.100.9"})
    assert refused.status == 429
    assert text in refused.text, "a refused statement must come back in the form"
    assert not Testimony.objects.filter(body=text).exists()

    assert cluster.browser(ANOTHER_SURVIVOR).share(body=words()).status == 200
    print("rate limit through nginx: 5 shares with forged X-Forwarded-For accepted, 6th: 429")


def test_nginx_serves_the_wall_from_its_cache_without_reaching_gunicorn(cluster):
    reader = cluster.browser(READER)
    reader.get("/")  # fills the cache, unless a request just before did
    before = cluster.gunicorn_requests("/")
    answers = [reader.get("/") for _ in range(20)]
    assert all(answer.status == 200 for answer in answers)
    hits = [answer.headers["X-Cache-Status"] for answer in answers].count("HIT")
    # The access line is written just after the answer: wait for every one that will come.
    time.sleep(0.5)
    reached = cluster.gunicorn_requests("/") - before
    assert hits >= 10, "the wall is kept a second: most of 20 quick requests are hits"
    assert reached <= 20 - hits
    print(
        f"cached wall: {len(answers)} requests through nginx, {hits} served without gunicorn, "
        f"{reached} reached gunicorn"
    )


def test_a_visitor_with_a_session_always_gets_their_own_wall(cluster):
    reader = cluster.browser(READER)
    reader.cookies["sessionid"] = "anything"
    before = cluster.gunicorn_requests("/")
    statuses = [reader.get("/").headers["X-Cache-Status"] for _ in range(3)]
    assert statuses == ["BYPASS"] * 3
    wait_for(lambda: cluster.gunicorn_requests("/") - before == 3, timeout=10)


def test_the_share_form_is_never_kept_by_nginx(cluster):
    before = cluster.gunicorn_requests("/share/")
    for _ in range(3):
        answer = cluster.browser(READER).get("/share/")
        assert answer.status == 200
        assert answer.headers["X-Cache-Status"] != "HIT"
        assert "no-store" in answer.headers["Cache-Control"]
    wait_for(lambda: cluster.gunicorn_requests("/share/") - before == 3, timeout=10)


def test_metrics_show_shares_and_decisions_to_monitoring_only(cluster):
    text = words()
    assert cluster.browser(SURVIVOR).share(body=text).status == 200
    testimony = Testimony.objects.get(body=text)
    wait_for(lambda: QueueItem.objects.filter(testimony=testimony).exists(), timeout=60)
    item = QueueItem.objects.get(testimony=testimony)
    services.decision_reject(
        item_id=item.pk, moderator=ModeratorFactory(), version=1, reason="other"
    )

    scraped = cluster.browser(MONITORING_ADDRESS).get("/metrics")
    assert scraped.status == 200
    for series in (
        'metoo_http_requests_total{method="POST",status="200",view="testimonies:share"}',
        "metoo_http_request_duration_seconds_bucket",
        'metoo_submissions_total{kind="statement"}',
        'metoo_moderation_queue_items{list="new"}',
        "metoo_moderation_oldest_waiting_seconds",
        "metoo_screening_jobs_total",
        "metoo_screening_job_duration_seconds_bucket",
        "metoo_broker_backlog_messages",
    ):
        assert series in scraped.text, series
    assert cluster.browser(SURVIVOR).get("/metrics").status == 403
    with_token = cluster.browser(SURVIVOR).get(
        "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    )
    assert with_token.status == 200


def test_no_log_names_a_client_address_or_a_testimony(cluster):
    text = words()
    response = cluster.browser(SURVIVOR).share(body=text)
    code = receipt_code(response)
    wait_for(lambda: Screening.objects.filter(testimony__body=text).exists(), timeout=60)
    # A path that decodes to a quote and a backslash must not break a JSON line.
    assert cluster.browser(READER).get("/no/%22such%5Cpage/").status == 404
    logs = cluster.logs
    expected = {"metoo-access.log", "metoo-error.log", "nginx-error.log", "web1.log", "web2.log"}
    assert expected | {"worker1.log", "worker2.log", "beat.log"} <= set(logs)
    requests = logs["metoo-access.log"].count("\n")
    for name, log in logs.items():
        for address in EVERY_CLIENT:
            assert address not in log, f"{name} names the client address {address}"
        assert text not in log, f"{name} holds a testimony's words"
        assert code not in log, f"{name} holds a receipt code"
    for name in ("metoo-access.log", "web1.log", "web2.log"):
        for line in logs[name].splitlines():
            assert isinstance(json.loads(line), dict), f"{name}: {line}"
    print(f"logs: {requests} requests through nginx, 0 client addresses in {sorted(logs)}")
