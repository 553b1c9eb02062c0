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
    "django_ratelimit",
    "testimonies",
    "moderation",
    "wall",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
    # One process on the embedded defaults: an in-process counter is shared enough there.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
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
# A story is at most 20,000 characters: even percent-encoded that is well under 1 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
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
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
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

# --- Logging ---------------------------------------------------------------------------------
# No formatter here names a client address; the access log is configured the same way in
# config/gunicorn.conf.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- The site --------------------------------------------------------------------------------
# Where "Leave this site" goes: an ordinary, neutral page.
LEAVE_SITE_URL = env("LEAVE_SITE_URL", default="https://www.bbc.com/weather")

# --- Periodic jobs (celery beat) -------------------------------------------------------------
CELERY_BEAT_SCHEDULE = {
    "sweep-unscreened": {"task": "moderation.tasks.sweep_unscreened", "schedule": 60.0},
    "release-expired-claims": {"task": "moderation.tasks.release_expired_claims", "schedule": 60.0},
    "purge-expired-text": {"task": "moderation.tasks.purge_expired_text", "schedule": 3600.0},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Rate limits (config/ratelimits.py) --------------------------------------------------------
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# Counters live in their own cache alias, which raises on a Redis outage instead of ignoring it,
# so our wrapper can tell an outage (let the request through, log a warning) from a count.
RATELIMIT_USE_CACHE = "ratelimit"
# How many proxies in front of the site append to X-Forwarded-For; 0 trusts only REMOTE_ADDR,
# so a forged header never resets a limit.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# allauth's own sign-in and sign-up limits; its "ip" is our keyed hash (config.account_adapter).
ACCOUNT_ADAPTER = "config.account_adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = (
    {
        "login": "10/m/ip,30/h/ip",  # every sign-in attempt, per client
        # failed sign-ins per client and per username; wrong two-factor codes count per user
        "login_failed": "10/m/ip,5/5m/key",
        "signup": "10/h/ip",
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
