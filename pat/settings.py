"""Settings for PAT, read from the environment.

SQLite under var/ is the default so that `make run` works on a fresh machine;
production sets DATABASE_URL to PostgreSQL. With DEBUG off a missing secret is
an error, never a default.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import pat

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PAT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("PAT_DEBUG")

SECRET_KEY = os.environ.get("PAT_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("PAT_SECRET_KEY must be set when PAT_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-PAT_DEBUG"  # noqa: S105 - never used with DEBUG off

ALLOWED_HOSTS = env_list("PAT_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("PAT_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "django_filters",
    "django_countries",
    "pat.core",
    "pat.projects",
    "pat.termbase",
    "pat.guide",
    "pat.markers",
    "pat.proposals",
    "django_tasks",
    "django_tasks_db",
    "pat.reviews",
    "pat.uploads",
    "pat.accounts",
    "axes",
    # django-ninja's own copy of Swagger UI, served from STATIC_URL (no CDN).
    "ninja",
    "pat.staffing",
    "pat.network",
    "pat.evaluations",
    "pat.pilotfund",
    "pat.reporting",
    "pat.iati",
    "pat.recruitment",
    "pat.appointments",
    "pat.events",
    "pat.revisions",
    "pat.training",
    "pat.bulletin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pat.core.middleware.LoginRequiredMiddleware",
    "pat.core.middleware.EditConflictMiddleware",
    "pat.core.api_errors.ApiErrorsAsJson",
    "pat.core.middleware.NulCharacterMiddleware",
    "pat.accounts.middleware.IdleTimeoutMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "locked" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pat.urls"
WSGI_APPLICATION = "pat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'pat.sqlite3'}",
        conn_max_age=int(os.environ.get("PAT_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between two writing transactions.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# One cache shared by every app process: rendered fragments of the project list and the
# project pages, filter choices. It lives in the database (table `pat_cache`, made by
# core's migration 0007), so every process and every app server on the same PostgreSQL
# sees the same entries and no extra service is needed; PAT_CACHE_DIR puts it in files on
# one machine instead. Entries are keyed by revisions and versions read from the
# database, so a change made by any process is never hidden by an old entry.
PAT_CACHE_DIR = os.environ.get("PAT_CACHE_DIR", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": PAT_CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
        if PAT_CACHE_DIR
        else {
            # Django's, with a write in one statement (pat/core/cache.py).
            "BACKEND": "pat.core.cache.DatabaseCache",
            "LOCATION": "pat_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
        }
    )
}
# Entries written by another release are never read: what a key holds may have changed shape.
CACHES["default"]["KEY_PREFIX"] = f"pat-{pat.__version__}"

# Each process's own memory, for what cannot go stale there: fragments that depend only on
# the code, the translations and the reader's language (the navigation of every page; a
# release restarts the processes), and copies of shared entries whose keys name the versions
# and revisions of what they show (`pat.core.fragments.remembered`).
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pat-local",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "pat" / "locale"]
FORMAT_MODULE_PATH = ["pat.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The shared stylesheet lives beside the base templates, outside any app.
STATICFILES_DIRS = [BASE_DIR / "pat" / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PAT_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Static files are fingerprinted, so field offices can keep them for a year.
WHITENOISE_MAX_AGE = 0 if DEBUG else 31536000

# Uploads: refuse oversized requests before they reach a view.
# The organization's name where PAT speaks for it in public (the vacancy board and its feeds).
PAT_ORGANIZATION_NAME = os.environ.get(
    "PAT_ORGANIZATION_NAME", "International Organization for Migration"
)
PAT_MAX_UPLOAD_BYTES = int(os.environ.get("PAT_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = PAT_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_BACKEND = os.environ.get(
    "PAT_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("PAT_FROM_EMAIL", "pat@localhost")
EMAIL_HOST = os.environ.get("PAT_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("PAT_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("PAT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PAT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PAT_EMAIL_TLS")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("PAT_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("PAT_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Behind a TLS proxy: `pat serve` trusts X-Forwarded-Proto/-For/-Host only from
# the address in PAT_TRUSTED_PROXY (pat.core.proxy rewrites the scheme, client address
# and host from them). Django reads the scheme header only when a proxy is
# trusted: otherwise any client could claim https.
PAT_TRUSTED_PROXY = os.environ.get("PAT_TRUSTED_PROXY", "").strip()
if PAT_TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sign-in. Wrong passwords: after PAT_LOGIN_FAILURE_LIMIT failures for one user
# name from one address, that pair is locked for PAT_LOGIN_COOLOFF_MINUTES
# (django-axes). Per pair rather than per address so that one office behind a
# shared address is not locked out by a colleague's typos.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user with one raw query (pat.accounts.fast).
    "pat.accounts.fast.UserBackend",
]
# Django's database sessions, read with one raw query (pat.accounts.fast).
SESSION_ENGINE = "pat.accounts.fast"
AXES_FAILURE_LIMIT = int(os.environ.get("PAT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PAT_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "pat.accounts.views.locked_out"
AXES_VERBOSE = False
# A signed-in session ends after this many idle minutes (and after two weeks at most).
PAT_SESSION_IDLE_MINUTES = int(os.environ.get("PAT_SESSION_IDLE_MINUTES", "120"))
# Personal API tokens expire after this many days unless issued with another lifetime.
PAT_API_TOKEN_DAYS = int(os.environ.get("PAT_API_TOKEN_DAYS", "90"))
PASSWORD_RESET_TIMEOUT = 3 * 3600

# Single sign-on through OpenID Connect (mozilla-django-oidc), on only when a
# client id is set; the sign-in page then offers it beside the password form.
PAT_OIDC_ENABLED = bool(os.environ.get("PAT_OIDC_CLIENT_ID"))
if PAT_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("pat.accounts.oidc.PatOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["PAT_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("PAT_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("PAT_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("PAT_OIDC_SCOPES", "openid email profile")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["PAT_OIDC_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["PAT_OIDC_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["PAT_OIDC_USERINFO_ENDPOINT"]
    # Needed for RS256/ES256 (the default): mozilla-django-oidc refuses to start without it.
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("PAT_OIDC_JWKS_ENDPOINT") or None
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = env_bool("PAT_OIDC_CREATE_USERS")
    OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"

# Content-Security-Policy (django-csp): everything from PAT's own origin, no
# inline script or style, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PAT_LOG_LEVEL", "WARNING")},
}

# Background work (review emails and reminders) goes through Django's task
# framework (the django-tasks backport) with the database as its queue, so a
# worker is one more process against the same database: `pat db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The key of the staff identifiers' keyed hash (pat.staffing): set it once and
# keep it; without it a key derived from PAT_SECRET_KEY is used, and rotating
# the secret would then cut the flows between older and newer rosters.
PAT_STAFF_KEY = os.environ.get("PAT_STAFF_KEY", "")

# Absolute links in emails.
PAT_BASE_URL = os.environ.get("PAT_BASE_URL", "http://127.0.0.1:8000")

# Organization prefix for IATI identifiers (organisation identifier + project code).
PAT_IATI_ORG_PREFIX = os.environ.get("PAT_IATI_ORG_PREFIX", "XM-DAC-47066")
PAT_IATI_ORG_NAME = os.environ.get("PAT_IATI_ORG_NAME", "International Organization for Migration")
# Where the organization's own gender marker (IATI policy-marker vocabulary 99) is explained;
# empty: the guide's page on this server.
PAT_IATI_OWN_MARKER_URI = os.environ.get("PAT_IATI_OWN_MARKER_URI", "")

# The Appointments and Postings Board's special measures (pat.appointments.rules.Config):
# the levels they cover, a share of women below which they apply (unset: the parity zone,
# below 47 %), and whether an office below parity counts as well as the level.
PAT_APB_RULES: dict[str, object] = {
    "levels": os.environ.get("PAT_APB_LEVELS", "P-1,P-2,P-3,P-4,P-5,D-1,D-2,ASG,USG").split(","),
    "threshold": os.environ.get("PAT_APB_THRESHOLD") or None,
    "count_offices": os.environ.get("PAT_APB_COUNT_OFFICES", "1") != "0",
}
# Candidate records are anonymised this many days after their vacancy is filled or cancelled
# (`pat recruitment_purge`).
PAT_CANDIDATE_RETENTION_DAYS = int(os.environ.get("PAT_CANDIDATE_RETENTION_DAYS", "180"))
