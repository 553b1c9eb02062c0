"""Optional error reports to Sentry (SENTRY_DSN): what failed and where, never who or what.

A failing request may be a survivor posting a story: its body, query string, cookies and
headers, and who is signed in, are stripped before an event leaves, and local variables are
never collected (a stack frame holding the story would carry it).
"""

from urllib.parse import urlsplit, urlunsplit

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from . import __version__


def _without_query(url: str) -> str:
    scheme, netloc, path, _query, _fragment = urlsplit(url)
    return urlunsplit((scheme, netloc, path, "", ""))


def before_send(event: dict, hint: dict) -> dict:
    """Keep of the request only its method and its path; drop the user."""
    request = event.get("request")
    if request is not None:
        event["request"] = {
            key: value
            for key, value in {
                "method": request.get("method"),
                "url": _without_query(request.get("url") or ""),
            }.items()
            if value
        }
    event.pop("user", None)
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values", []):
        breadcrumb.pop("data", None)
    return event


def before_breadcrumb(crumb: dict, hint: dict) -> dict:
    # A breadcrumb's data may hold an SQL query's parameters or a URL's query.
    crumb.pop("data", None)
    return crumb


def sentry_init(*, dsn: str, environment: str, transport=None) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=f"metoo@{__version__}",
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
        before_send_transaction=before_send,
        before_breadcrumb=before_breadcrumb,
        traces_sample_rate=0,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        transport=transport,
    )
