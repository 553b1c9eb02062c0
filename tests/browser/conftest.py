"""Headless Debian Chromium, driven by Playwright, against the live test server."""

import importlib
import os
import shutil

import pytest
from django.apps import apps as django_apps
from django.db.migrations import RunPython

from tests.conftest import service_missing

from .journey import Moderator

# Playwright's sync API runs an event loop in the test thread; the test's own database calls
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every page here is served by a server in this process: a step that needs longer is stuck,
# and should say so soon rather than after Playwright's default 30 seconds.
ACTION_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def chromium():
    """One browser for the whole run; each test gets its own contexts (cookies, storage)."""
    if not shutil.which(CHROMIUM):
        service_missing(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The data migrations whose rows the pages need: topics and content warnings, crisis lines, and
# the Moderators group.
DATA_MIGRATIONS = [
    "testimonies.migrations.0002_default_labels",
    "testimonies.migrations.0006_crisis_resources",
    "testimonies.migrations.0012_crisis_resources_by_country",
    "moderation.migrations.0002_moderators_group",
]


@pytest.fixture(autouse=True)
def site_data(transactional_db):
    """Put back what the data migrations made, by running their own functions again.

    Live-server tests are transactional: the database is emptied after each one, and with it
    those rows. serialized_rollback cannot restore them here: once Playwright's event loop
    runs in the test thread, Django hands the test a fresh connection object, which lacks
    the contents serialized on the first one.
    """
    for path in DATA_MIGRATIONS:
        for operation in importlib.import_module(path).Migration.operations:
            if isinstance(operation, RunPython):
                operation.code(django_apps, None)


@pytest.fixture
def new_page(chromium, live_server):
    """Open a page in a fresh context (another person, another device); closed at the end.

    new_page(javascript=False) is a browser with JavaScript off; other keywords go to
    Playwright's new_context (viewport, bypass_csp, ...).
    """
    contexts = []

    def new_page(*, javascript: bool = True, **options):
        context = chromium.new_context(
            base_url=live_server.url, java_script_enabled=javascript, **options
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def page_without_js(new_page):
    return new_page(javascript=False)


@pytest.fixture
def no_rate_limits(settings):
    """A journey posts, reacts and looks up codes more often than one person would in an hour."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def moderator():
    """A member of the Moderators group with a password and an authenticator app."""
    return Moderator.create()
