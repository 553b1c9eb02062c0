"""Hostile input at every URL of the URL conf, as every role: never a server error or a traceback.

For each URL pattern (the site's, allauth's and the admin's) and each role (an anonymous
visitor, an author with an account, a moderator signed in with a second factor, an
administrator), hypothesis generates requests: path segments from real ids to junk, any method,
query parameters and form fields named as the site's forms and filters name them (and not),
hostile values (NUL bytes, huge numbers, markup, other scripts, very long text), content types
and charsets, and headers a browser or a script may send. A response of 500 or more, or any
error or traceback logged while answering, fails the test with the request that caused it.

CI runs FUZZ_EXAMPLES (default 3) derandomized examples per URL and role:
URLs x roles x examples requests, in a couple of minutes. `make fuzz` runs many more, with a
new seed each time (FUZZ_EXAMPLES=50 FUZZ_RANDOM=1).
"""

import itertools
import logging
import os
import re
import time
from urllib.parse import quote, urlencode

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation import services
from tests.factories import ModeratorFactory, QueueItemFactory, TestimonyFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
ROLES = ["anonymous", "author", "moderator", "admin"]


def _patterns(patterns=None, prefix=()):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, (*prefix, pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield (*prefix, pattern.pattern)


URL_PATTERNS = list(_patterns())
URL_IDS = ["".join(str(part) for part in parts) or "/" for parts in URL_PATTERNS]

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "0",
    "-1",
    "1.5",
    "99999",
    "99999999999999999999",
    "1e400",
    "NaN",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE x; --',
    "&|!():*<>",
    "\r\nSet-Cookie: x=1",
    "null",
    "[]",
    "{}",
    "true",
    "2026-13-45",
    "ﷺ" * 40,
    "مرحبا",
    "\u202e\u200b\ufeff",
    "x" * 5000,
    "statement",
    "story",
    "metoo",
    "report",
    "new",
    "appeal",
    "escalation",
    "believe",
    "spam",
    "body",
    "next",
    "/",
    "//evil.example",
    "https://evil.example/",
    "1:1",
    "1:99999999999999999999",
]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))

# Field and parameter names the site's forms, views, filters and the admin read.
NAMES = [
    "kind", "title", "body", "content_warnings", "topics", "website", "code", "public_id", "t",
    "note", "reason", "details", "version", "field", "start", "end", "then", "with_edits",
    "items", "listed", "next", "confirm", "keep_published", "login", "password", "username",
    "password1", "password2", "list", "q", "cursor", "topic", "language", "page", "o", "p",
    "e", "all", "action", "action__exact", "reason__exact", "is_open__exact", "status__exact",
    "kind__exact", "created_at__year", "created_at__month", "created_at__day",
    "_changelist_filters", "_to_field", "_popup", "select_across", "index", "_selected_action",
    "csrfmiddlewaretoken", "remember", "code", "term", "app_label", "model_name", "field_name",
    "oldpassword", "email", "key", "format", "callback", "days", "since",
]  # fmt: skip
names = st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=12))
fields = st.dictionaries(names, st.one_of(values, st.lists(values, max_size=3)), max_size=6)

METHODS = ["GET", "POST", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"]
CONTENT_TYPES = [
    "multipart",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=x-nonsense",
    "application/json",
    "text/plain",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "application/octet-stream",
    "",
    "\x00/\x00",
]
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": ["ar", "es;q=0.9, fr", "xx-yy", "*", "ar-" + "x" * 200, ";;;"],
    "HTTP_ORIGIN": ["http://testserver", "https://evil.example", "null", "\x00"],
    "HTTP_SEC_FETCH_SITE": ["same-origin", "cross-site", "none", "same-site", "junk"],
    "HTTP_X_FORWARDED_FOR": ["203.0.113.1", "a, b, c", "::1", "999.999.999.999", ""],
    "HTTP_REFERER": ["http://testserver/", "https://evil.example/", "\x00"],
    "HTTP_IF_NONE_MATCH": ['"x"', "*"],
    "HTTP_IF_MODIFIED_SINCE": ["Thu, 01 Jan 1970 00:00:00 GMT", "yesterday"],
    "HTTP_RANGE": ["bytes=0-1", "bytes=-99999999999999999999"],
    "HTTP_ACCEPT": ["application/json", "*/*", "text/html;q=0"],
    "REMOTE_ADDR": ["203.0.113.9", "2001:db8::1", "", "not an address"],
}
headers = st.fixed_dictionaries(
    {}, optional={name: st.sampled_from(choices) for name, choices in HEADERS.items()}
)
COOKIES = {
    "messages": ["junk", "x" * 300, "[]"],
    "csrftoken": ["junk", "\x00", "x" * 64],
    "django_language": ["ar", "xx", "\x00"],
}
cookies = st.fixed_dictionaries(
    {}, optional={name: st.sampled_from(choices) for name, choices in COOKIES.items()}
)


@pytest.fixture
def world(django_user_model):
    """One of everything the URLs take an id of, and the people who use them."""
    author = django_user_model.objects.create_user("quiet-author", password="x" * 20)
    moderator = ModeratorFactory()
    admin = ModeratorFactory(is_staff=True, is_superuser=True)
    for user in (moderator, admin):
        TOTP.activate(user, generate_totp_secret())
    published = TestimonyFactory(published=True, author=author)
    story = TestimonyFactory(published=True, story=True)
    item = QueueItemFactory()
    escalated = QueueItemFactory()
    services.decision_escalate(item_id=escalated.pk, moderator=admin, version=1, note="x")
    services.report_submit(testimony=published, reason="spam", details="d", reader_key="k")
    return {
        "users": {"author": author, "moderator": moderator, "admin": admin},
        "ints": [item.pk, escalated.pk, published.pk, author.pk, moderator.pk, 1],
        "slugs": [published.public_id, story.public_id],
    }


def client_as(role: str, world) -> Client:
    client = Client(raise_request_exception=False)
    if role == "anonymous":
        return client
    user = world["users"][role]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if role in ("moderator", "admin"):
        # A session that went through the second factor, as allauth records it.
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "username": user.username},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session.save()
    return client


def _segment(pattern, world) -> st.SearchStrategy[str]:
    """A strategy for one level of a URL pattern: its route with each parameter filled in."""
    text = str(pattern)
    real = st.sampled_from([str(n) for n in world["ints"]] + world["slugs"])
    junk = values.map(lambda value: quote(value, safe=""))
    if text.startswith("^") or text.endswith("$"):
        if "(?P<" not in text:
            return st.just(text.strip("^$"))
        return st.one_of(
            st.from_regex(re.compile(text, re.ASCII), fullmatch=True).filter(
                lambda value: "\n" not in value
            ),
            junk.map(lambda value: text.strip("^$").split("(?P<")[0] + value + "/"),
        ).map(lambda value: quote(value, safe="/%"))
    parts = re.split(r"<(?:\w+:)?\w+>", text)
    count = len(parts) - 1
    if count == 0:
        return st.just(text)
    return st.tuples(*[st.one_of(real, junk) for _ in range(count)]).map(
        lambda filled: "".join(
            itertools.chain.from_iterable(itertools.zip_longest(parts, filled, fillvalue=""))
        )
    )


@st.composite
def requests(draw, parts, world):
    path = "/" + "".join(draw(_segment(part, world)) for part in parts)
    query = draw(fields)
    if query:
        path += "?" + urlencode(query, doseq=True)
    return {
        "method": draw(st.sampled_from(METHODS)),
        "path": path,
        "data": draw(fields),
        "content_type": draw(st.sampled_from(CONTENT_TYPES)),
        "headers": draw(headers),
        "cookies": draw(cookies),
    }


class _Errors(logging.Handler):
    """Errors and tracebacks logged while answering. Not django.request's warnings about a 4xx
    (a refused permission comes with its exception), nor django.security's notes of a refused
    suspicious request (a 400, as it should be)."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        if record.name.startswith("django.security"):
            return
        if record.levelno >= logging.ERROR or (record.exc_info and record.name != "django.request"):
            self.records.append(record)


def send(client: Client, request: dict):
    for name, value in request["cookies"].items():
        client.cookies[name] = value
    method, path, data, content_type = (
        request["method"],
        request["path"],
        request["data"],
        request["content_type"],
    )
    extra = request["headers"]
    if method in ("GET", "HEAD"):
        return client.generic(method, path, **extra)
    if content_type == "multipart":
        return client.post(path, data, **extra)
    if content_type == "application/json":
        body = str(data).encode()
    else:
        body = urlencode(data, doseq=True).encode("utf-8", "surrogatepass")
    return client.generic(method, path, body, content_type=content_type, **extra)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("parts", URL_PATTERNS, ids=URL_IDS)
def test_no_input_makes_a_server_error(parts, role, world):
    errors = _Errors()
    root = logging.getLogger()
    root.addHandler(errors)
    try:

        @settings(
            max_examples=EXAMPLES,
            derandomize=not RANDOM,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(request=requests(parts, world))
        def fuzz(request):
            errors.records.clear()
            response = send(client_as(role, world), request)
            assert response.status_code < 500, request
            assert not errors.records, (request, [r.getMessage() for r in errors.records])

        fuzz()
    finally:
        root.removeHandler(errors)
