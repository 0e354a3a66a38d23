"""Sublarr settings, read from SUBLARR_* environment variables (see README, Configuration)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from sublarr.database import database_from_url, sqlite_database
from sublarr.env import (
    data_dir,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    folder_with,
    stored_secret,
)
from sublarr.services import services

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir("DATA_DIR", str(BASE_DIR / "data"))

SECRET_KEY = stored_secret("SECRET_KEY", DATA_DIR, "secret_key")
# The REST API key when the administrator sets one; else sublarr/api/keys.py keeps a generated one
# in DATA_DIR/api_key (rotated by `manage.py api_key --rotate` without a restart).
API_KEY = env_str("API_KEY") or ""
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Sublarr's apps come first so their management commands (migrate) take precedence.
    # The task infrastructure first: the domain apps register their tasks and steps with it.
    "apps.tasks",
    "apps.core",
    "apps.providers",
    "apps.translation",
    "apps.hooks",
    "apps.standalone",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_tasks_db",
    "django_rq",
    "channels",
]

MIDDLEWARE = [
    # First, so request latency (sublarr_http_request_duration_seconds) covers every other layer.
    "apps.core.metrics.RequestLatencyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sublarr.frontend.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sublarr.urls"
WSGI_APPLICATION = "sublarr.wsgi.application"
ASGI_APPLICATION = "sublarr.asgi.application"

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
            ],
        },
    },
]

# Database: SUBLARR_DATABASE_URL, else the embedded SQLite file (legacy default /config/sublarr.db).
if database_url := env_str("DATABASE_URL"):
    DATABASES = {"default": database_from_url(database_url)}
else:
    DATABASES = {"default": sqlite_database(env_str("DB_PATH") or DATA_DIR / "sublarr.db")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Backups (manage.py backup_database, the daily backup task): where archives go, how many stay.
SUBLARR_BACKUP_DIR = Path(env_str("BACKUP_DIR") or DATA_DIR / "backups")
SUBLARR_BACKUP_KEEP = env_int("BACKUP_KEEP", 7)
if SUBLARR_BACKUP_KEEP < 1:
    raise ImproperlyConfigured(f"SUBLARR_BACKUP_KEEP={SUBLARR_BACKUP_KEEP} must be at least 1")

# The legacy index names are kept verbatim; one is longer than Django's portable limit of 30
# characters (idx_translation_backend_stats_updated, 37), well inside SQLite's and PostgreSQL's.
SILENCED_SYSTEM_CHECKS = ["models.E034"]

REDIS_URL = env_str("REDIS_URL")

# Background jobs, cache and live events: Redis when SUBLARR_REDIS_URL is set, else the embedded
# set-up (tasks in the database, worker inside the server, local-memory cache and channel layer).
REDIS_PREFIX = env_str("REDIS_PREFIX", "sublarr")
_services = services(REDIS_URL, REDIS_PREFIX)
TASKS = _services["TASKS"]
RQ_QUEUES = _services["RQ_QUEUES"]
CACHES = _services["CACHES"]
CHANNEL_LAYERS = _services["CHANNEL_LAYERS"]
EMBEDDED_WORKER = env_bool("EMBEDDED_WORKER", _services["EMBEDDED_WORKER"])
TASKS_HEARTBEAT_SECONDS = env_int("TASKS_HEARTBEAT_SECONDS", 5)
TASKS_LEASE_SECONDS = env_int("TASKS_LEASE_SECONDS", 60)
# With Redis: how long RQ keeps a finished task's result and a failed task's error.
TASKS_RESULT_TTL_SECONDS = env_int("TASKS_RESULT_TTL_SECONDS", 7 * 24 * 3600)
MAINTENANCE_INTERVAL_HOURS = env_int("MAINTENANCE_INTERVAL_HOURS", 24)
HISTORY_RETENTION_DAYS = env_int("HISTORY_RETENTION_DAYS", 30)
# Script hooks run only from this folder (symlinks are resolved before the check).
HOOKS_DIR = Path(env_str("HOOKS_DIR") or DATA_DIR / "hooks").expanduser().resolve()
WEBHOOK_RETRY_DELAY_SECONDS = env_float("WEBHOOK_RETRY_DELAY_SECONDS", 2.0)
# /metrics: how old the exact queue counts (wanted items, translation jobs) may be; 0 = every scrape.
METRICS_REFRESH_SECONDS = env_float("METRICS_REFRESH_SECONDS", 15.0)
# /ws/events: how long a client without credentials in its handshake has to send its key.
WEBSOCKET_AUTH_TIMEOUT = env_float("WEBSOCKET_AUTH_TIMEOUT", 5.0)

# The languages of the 'Default' profile seeded when a legacy file has none (legacy defaults).
SUBLARR_SOURCE_LANGUAGE = env_str("SOURCE_LANGUAGE", "en")
SUBLARR_TARGET_LANGUAGE = env_str("TARGET_LANGUAGE", "de")

# REST API (sublarr/api): closed by default. /api/v1 is the legacy contract (its views set their
# own exception handler); /api/v2 the table API with the legacy list envelope and filters.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sublarr.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["sublarr.api.permissions.IsApiClient"],
    "DEFAULT_PAGINATION_CLASS": "sublarr.api.pagination.LegacyPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "ORDERING_PARAM": "ordering",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sublarr API",
    "DESCRIPTION": "Sublarr's data over REST. Send the API key as X-Api-Key or ?apikey=.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Each version's schema view narrows these to its own paths (sublarr/api/schema.py).
    "SCHEMA_PATH_PREFIX": "/api/",
    # The schema and docs need the key too: the health checks are the only anonymous endpoints.
    "SERVE_PERMISSIONS": ["sublarr.api.permissions.IsApiClient"],
    "PREPROCESSING_HOOKS": ["sublarr.api.routers.legacy_paths"],
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "apps.core.models.Job.Status",
        "WhisperJobStatusEnum": "apps.translation.models.WhisperJob.Status",
        "WantedStatusEnum": "apps.core.models.WantedItem.Status",
        "ConfigFieldTypeEnum": "apps.core.kinds.FIELD_TYPES",
        "ProfileAssignmentTypeEnum": "apps.core.v1.profiles.ASSIGNMENT_TYPES",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"  # collectstatic output (built into the Docker image)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Serve straight from the app folders while developing or testing, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG

# A built Sublarr web frontend (its dist/ folder), served at / with an SPA fallback
# (sublarr/frontend.py); its files come from WhiteNoise, its hashed assets cached for good.
FRONTEND_DIR = folder_with("FRONTEND_DIR", "index.html")
if FRONTEND_DIR:
    WHITENOISE_ROOT = FRONTEND_DIR

# Hardening that holds behind any reverse proxy; HTTPS-only settings are opt-in.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
# The names axios uses by default: the web frontend reads the XSRF-TOKEN cookie and sends it back as
# X-XSRF-TOKEN, so a staff session signed in at /admin/ can write through it.
CSRF_COOKIE_NAME = "XSRF-TOKEN"
CSRF_HEADER_NAME = "HTTP_X_XSRF_TOKEN"

# The log file GET /api/v1/logs reads: rotated by size, with the size and count of the legacy
# rotation settings (config_entries log_max_size_mb / log_backup_count, applied at server start).
LOG_FILE = Path(env_str("LOG_FILE") or DATA_DIR / "sublarr.log")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s [%(levelname)s] %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "file": {
            "class": "apps.core.logfile.SharedRotatingFileHandler",
            "formatter": "plain",
            "filename": str(LOG_FILE),
        },
    },
    "root": {"handlers": ["console", "file"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
