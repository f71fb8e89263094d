"""Regie settings: one module, every deployment choice read from the environment.

Variables: SECRET_KEY, DEBUG, DATABASE_URL, ALLOWED_HOSTS, REGIE_HTTPS, REDIS_URL,
EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD/EMAIL_USE_TLS, DEFAULT_FROM_EMAIL,
REGIE_BASE_URL, REGIE_DATA_DIR, REGIE_FIELD_KEYS. See docs/deployment.md.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("REGIE_DATA_DIR", BASE_DIR.parent.parent / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-regie-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
TESTING = "pytest" in sys.modules or env_bool("REGIE_TESTING", False)
if not DEBUG and not TESTING and SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Regie refuses to start with the default SECRET_KEY while DEBUG is off. "
        "Set the SECRET_KEY environment variable to a long random value."
    )

# Keys for personal data encrypted at rest (Fernet, comma-separated): the first encrypts, all
# decrypt, so a new key goes first and the old one stays until the data is re-encrypted. Unset,
# a key is derived from SECRET_KEY (then changing SECRET_KEY makes that data unreadable).
REGIE_FIELD_KEYS = env_list("REGIE_FIELD_KEYS", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
REGIE_BASE_URL = os.environ.get("REGIE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "regie.core",
    "regie.accounts",
    "regie.productions",
    "regie.people",
    "django_countries",
    "regie.budgets",
    "regie.scheduling",
    "regie.scripts",
    "regie.callsheets",
    "regie.contracts",
    "ninja",
    "regie.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regie.accounts.middleware.UserLanguageMiddleware",
    "regie.api.middleware.ApiLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"
WHITENOISE_USE_FINDERS = DEBUG or TESTING

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "regie.core.context_processors.regie",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'regie.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; the timeout waits for the
    # other process's lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # A database cache is shared by every process, so login throttling holds across workers.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "regie_cache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
REGIE_LOGIN_MAX_FAILURES = int(os.environ.get("REGIE_LOGIN_MAX_FAILURES", "5"))
REGIE_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("REGIE_LOGIN_LOCKOUT_SECONDS", "900"))
# Between the password and the code of two-factor sign-in, the person has this long to enter the code.
REGIE_TWO_FACTOR_PENDING_SECONDS = int(os.environ.get("REGIE_TWO_FACTOR_PENDING_SECONDS", "300"))
REGIE_INVITATION_DAYS = int(os.environ.get("REGIE_INVITATION_DAYS", "14"))
# Self-service onboarding links for engaged people, and the scans of their documents.
REGIE_ONBOARDING_DAYS = int(os.environ.get("REGIE_ONBOARDING_DAYS", "14"))
REGIE_DOCUMENT_MAX_BYTES = int(os.environ.get("REGIE_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Contact imports of more rows than this are done by the background worker (see bench/results/people.md).
REGIE_IMPORT_BACKGROUND_ROWS = int(os.environ.get("REGIE_IMPORT_BACKGROUND_ROWS", "2000"))
# LibreOffice turns contracts made from uploaded Word templates into PDF; without it they go as .docx.
REGIE_SOFFICE = os.environ.get("REGIE_SOFFICE", "") or shutil.which("soffice") or shutil.which("libreoffice") or ""
REGIE_SOFFICE_TIMEOUT = int(os.environ.get("REGIE_SOFFICE_TIMEOUT", "120"))

# The JSON API (regie.api): lists are paged with limit/offset, 100 rows by default.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000
REGIE_API_RATE = os.environ.get("REGIE_API_RATE", "1200/min")

LANGUAGE_CODE = "en"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["regie.formats"]
LANGUAGE_COOKIE_NAME = "regie_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Personal documents (passport scans, A1 certificates): outside MEDIA_ROOT and never served
    # by the web server; only regie.people's download views read them, after a permission check.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "private"},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_TIMEOUT = 30
else:
    # Without a mail server, mail is printed on the console (the demo prints invitation links).
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Regie <regie@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. REGIE_HTTPS defaults to on outside DEBUG; the local demo turns it off because it
# is served over plain http on 127.0.0.1.
HTTPS = env_bool("REGIE_HTTPS", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and env_bool("REGIE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("REGIE_BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
