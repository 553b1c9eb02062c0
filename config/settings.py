"""Settings, read from the environment (see the table in README.md).

With nothing set, the site runs on embedded defaults: an SQLite file, an in-process cache and a
Celery broker kept in a local folder, so a newcomer needs no server. REDIS_URL switches the cache
and the broker to Redis; DATABASE_URL switches the database (PostgreSQL in production and CI).
"""

import os
import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from .logs import logging_config
from .ratelimits import rates_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

# Everything the site writes by itself (SQLite file, local broker, generated secret) lives here.
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
# HTTPS-only cookies, HSTS and the redirect to https: on in production, off for `make run`.
HTTPS = env.bool("HTTPS", default=not DEBUG)


def _local_secret_key() -> str:
    """A key generated once per checkout, so the embedded defaults need no setup."""
    path = VAR_DIR / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        key = secrets.token_urlsafe(50)
        f.write(key)
    return key


SECRET_KEY = env("SECRET_KEY", default="") or _local_secret_key()
# Old keys, still accepted for signed sessions and tokens while a rotation settles (comma-
# separated, newest first; deploy/README.md). Receipt codes keep working only with
# RECEIPT_HMAC_KEY set.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
# Receipt codes are stored as HMACs under this key (default: derived from SECRET_KEY).
RECEIPT_HMAC_KEY = env("RECEIPT_HMAC_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "testimonies",
    "moderation",
    "wall",
    # Prometheus metrics, when METRICS_ENABLED (config/metrics.py).
    "config.metrics.MetricsConfig",
]

MIDDLEWARE = [
    # First, so it sees every response last: private, no-store unless a view said otherwise.
    "config.middleware.PrivateByDefaultMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The headers first, so that every response gets them: static files, the guard's refusals.
    "config.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files are nginx's to serve, and not counted here.
    "config.metrics.RequestMetricsMiddleware",
    # Refuses what no view needs (see config/request_guard.py) before anything reads the body.
    "config.request_guard.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

# Database sessions that read as empty when the database cannot answer, so that the pages a
# survivor needs during an outage (the share form) still render.
SESSION_ENGINE = "config.sessions"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "testimonies.context_processors.site",
                "moderation.context_processors.moderation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker share one file: WAL lets them read while the other writes,
    # and IMMEDIATE transactions wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that hangs must not hang every request with it: give up connecting after
    # DATABASE_CONNECT_TIMEOUT seconds and on any statement after DATABASE_STATEMENT_TIMEOUT_MS
    # (0: no limit). Migrations and the bulk commands lift the statement limit for their own
    # connection (config.database.without_statement_timeout).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=3),
            "options": "-c statement_timeout="
            + str(env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=5000)),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The pages that save a survivor's words give up after this many seconds whatever hangs, and
# hand the words back (config.database.deadline); 0 waits as long as the database does.
DATABASE_REQUEST_DEADLINE_SECONDS = env.float("DATABASE_REQUEST_DEADLINE_SECONDS", default=8)

# --- Cache and broker ------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="metoo"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # A Redis outage degrades caching to a miss instead of failing the request.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    CACHES["ratelimit"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="metoo") + "-rl",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        # With acks_late, a job whose worker died is handed out again after this many seconds.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
            # Room for every client's counters and the day's secret, which must not be evicted.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
    BROKER_DIR = Path(env("BROKER_DIR", default=str(VAR_DIR / "broker")))
    for sub in ("queue", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }

# Each process also keeps the public pages' cache generation for a moment, and what it read
# under it, so the busiest pages cost no round trip to Redis (wall/caching.py).
# The freshness bound of every public page: how long a process trusts its own copy of the
# public pages' generation (wall/caching.py).
PUBLIC_CACHE_NEAR_SECONDS = env.float("PUBLIC_CACHE_NEAR_SECONDS", default=1.0)
CACHES["near"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "near",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
# Pages of searches, in each process alone and at most this many: what visitors type never
# reaches Redis, and cannot push the wall's pages out of the near cache.
CACHES["searches"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "searches",
    "OPTIONS": {"MAX_ENTRIES": 300},
}

CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="metoo")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A submission never waits long on a broker that is down: the testimony is already saved and
# the sweeper screens it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = "UTC"
# Keep the worker's database connection across jobs (Celery closes it after each by default):
# screening a statement is about twice as fast. Unusable connections are still closed.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)

# --- Authentication --------------------------------------------------------------------------
# Pseudonymous accounts: a username and a password, no email address asked for or kept.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "en"
# Each language is named in itself, so a reader finds theirs whatever the page is in. The
# visitor's Accept-Language chooses first; the switcher in the header sets Django's language
# cookie (LocaleMiddleware reads both).
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Counts are grouped by thousands in every language (intcomma): Django's Arabic data names a
# separator but no grouping, so this is the fallback; config/formats/ overrides Spanish's.
NUMBER_GROUPING = 3
FORMAT_MODULE_PATH = ["config.formats"]
# The language cookie remembers a choice and nothing else, the same for everyone who chose that
# language; it ends with the browser session, so a shared device keeps no lasting trace of it.
LANGUAGE_COOKIE_AGE = None
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Requests --------------------------------------------------------------------------------
# A story is at most 20,000 characters: percent-encoded, even in 4-byte characters, that is
# 240 KB. Anything larger is refused before it is read (a 400), so a hostile body costs nothing.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
# No form takes a file: any file part is refused (400), and config.request_guard refuses any
# body larger than DATA_UPLOAD_MAX_MEMORY_SIZE (400) from its headers alone.
DATA_UPLOAD_MAX_NUMBER_FILES = 0
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
CSRF_FAILURE_VIEW = "testimonies.views.csrf_failure"

# --- Security headers ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": nothing is ever sent to another site. Not "no-referrer": under it Chromium
# sends "Origin: null" with every form, and Django's CSRF check refuses them all.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# On what may be a shared device, nothing outlives the browser: the CSRF cookie and the session
# cookie end with it, and a session lasts twelve hours at most even in a browser left open.
CSRF_COOKIE_AGE = None
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 12 * 60 * 60
# A request body sent slower than this (seconds between two pieces) is refused.
REQUEST_BODY_TIMEOUT = env.int("REQUEST_BODY_TIMEOUT", default=10)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/ready)?$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Everything comes from this site: no inline script or style, no third party, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "manifest-src": [SELF],
    }
}

# --- Logging (config/logs.py) -------------------------------------------------------------------
# No formatter names a client address; the access log is configured the same way in
# config/gunicorn.conf.py. LOG_FORMAT=json: one JSON object a line, for a log collector.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))

# --- Metrics (config/metrics.py) ----------------------------------------------------------------
METRICS_ENABLED = env.bool("METRICS_ENABLED", default=False)
# Addresses or networks allowed to read /metrics without the token, e.g. "10.0.0.7,10.1.0.0/16".
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
METRICS_TOKEN = env("METRICS_TOKEN", default="")

# --- Error reports (config/sentry.py) -----------------------------------------------------------
# Off unless SENTRY_DSN is set; events carry no request body, query, cookie, header or user.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from .sentry import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production"))

# --- The site --------------------------------------------------------------------------------
# Where "Leave this site" goes: an ordinary, neutral page.
LEAVE_SITE_URL = env("LEAVE_SITE_URL", default="https://www.bbc.com/weather")

# --- Periodic jobs (celery beat) -------------------------------------------------------------
CELERY_BEAT_SCHEDULE = {
    "sweep-unscreened": {
        "task": "moderation.tasks.sweep_unscreened",
        "schedule": env.float("MODERATION_SWEEP_EVERY_SECONDS", default=60.0),
    },
    "release-expired-claims": {"task": "moderation.tasks.release_expired_claims", "schedule": 60.0},
    "purge-expired-text": {"task": "moderation.tasks.purge_expired_text", "schedule": 3600.0},
    # The audit log's copies of the text judged, published testimonies' included.
    "purge-expired-snapshots": {
        "task": "moderation.tasks.purge_expired_snapshots",
        "schedule": 3600.0,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# One beat at a time: a second one started by mistake waits, and takes over if the first dies.
CELERY_BEAT_SCHEDULER = "config.beat:SingleBeatScheduler"

# --- Rate limits (config/ratelimits.py) --------------------------------------------------------
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# Any scope's rates from the environment, e.g. RATELIMIT_SHARE="5/h,20/d" for statements and
# stories, RATELIMIT_SHARE_METOO="60/h,300/d" for a bare "me too" (the scopes and their
# defaults are in config/ratelimits.py); "" lifts a scope's limit. Checked here, at start-up.
RATELIMITS = rates_from_environment(os.environ)
# Counters live in their own cache alias, which raises on a Redis outage instead of ignoring it,
# so our wrapper can tell an outage (let the request through, log a warning) from a count.
RATELIMIT_USE_CACHE = "ratelimit"
# How many proxies in front of the site append to X-Forwarded-For; 0 trusts only REMOTE_ADDR,
# so a forged header never resets a limit.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The key of the rate-limit counters' daily secret (default: SECRET_KEY). It is never stored:
# each process derives the day's secret from it, so a copy of Redis cannot test addresses.
RATELIMIT_SECRET = env("RATELIMIT_SECRET", default="")
# allauth's own limits keep exact timestamps: only per account here, never per client (those
# are ours, counted by the hour: "login", "login_failed" and "signup" in config/ratelimits.py,
# applied by config.account_adapter). The per-account ceiling on failed sign-ins is far above
# what one client may try, so strangers on one network never lock the right person out.
ACCOUNT_ADAPTER = "config.account_adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = (
    {
        "login": "",
        "login_failed": "100/h/key",  # per account (and per account's second factor)
        "signup": "",
        "reset_password": "5/m/key",
        "reset_password_from_key": "",
        "request_login_code": "",
        "reauthenticate": "10/m/user",
        "change_password": "5/m/user",
    }
    if RATELIMIT_ENABLE
    else False
)

# --- Moderation policy (defaults and meanings in moderation/app_settings.py) -----------------
MODERATION_SURGE_MODE = env.bool("MODERATION_SURGE_MODE", default=False)
MODERATION_REPORT_HIDE_THRESHOLD = env.int("MODERATION_REPORT_HIDE_THRESHOLD", default=3)
MODERATION_CLAIM_LEASE_SECONDS = env.int("MODERATION_CLAIM_LEASE_SECONDS", default=15 * 60)
MODERATION_RETENTION_DAYS = env.int("MODERATION_RETENTION_DAYS", default=30)
MODERATION_SCREENING_BATCH_SECONDS = env.float("MODERATION_SCREENING_BATCH_SECONDS", default=0.25)
MODERATION_SWEEP_AFTER_SECONDS = env.int("MODERATION_SWEEP_AFTER_SECONDS", default=120)
MODERATION_SWEEP_BATCH_SIZE = env.int("MODERATION_SWEEP_BATCH_SIZE", default=500)
