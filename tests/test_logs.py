"""The site's log lines: one JSON object a line on request, never a client's details."""

import io
import json
import logging
import logging.config
import re

import pytest
from django.test import RequestFactory

from config.logs import logging_config
from moderation.screening import screening_send
from tests.conftest import broker_outage


@pytest.fixture
def json_log():
    stream = io.StringIO()
    config = logging_config(log_format="json", level="INFO")
    config["handlers"]["console"]["stream"] = stream
    config["loggers"]["metoo.test"] = {"handlers": ["console"], "propagate": False}
    logging.config.dictConfig(config)
    try:
        yield stream
    finally:
        from django.conf import settings

        logging.config.dictConfig(settings.LOGGING)


def test_json_logs_are_one_object_a_line_even_with_a_traceback(json_log):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("metoo.test").exception("It failed")
    lines = json_log.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["message"] == "It failed"
    assert record["level"] == "ERROR"
    assert "ValueError: boom" in record["exc_info"]


def test_the_request_django_attaches_to_its_records_is_never_written(json_log):
    request = RequestFactory().get(
        "/?q=my+neighbour", REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Distinct/1.0"
    )
    logging.getLogger("metoo.test").warning(
        "Not Found: %s", request.path, extra={"request": request, "status_code": 404}
    )
    line = json_log.getvalue()
    assert json.loads(line)["message"] == "Not Found: /"
    for private in ("neighbour", "192.0.2.44", "Distinct"):
        assert private not in line


@pytest.mark.django_db
def test_a_broker_outage_is_one_line_with_a_count_not_a_traceback_or_ids(caplog):
    with caplog.at_level(logging.WARNING, logger="moderation.screening"), broker_outage():
        screening_send([101, 202, 303])
    (record,) = [r for r in caplog.records if r.name == "moderation.screening"]
    assert re.fullmatch(
        r"Broker unreachable \(\w+\): 3 testimonies left for the sweeper", record.getMessage()
    )
    assert record.exc_info is None
