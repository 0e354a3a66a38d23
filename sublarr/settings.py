"""Sublarr settings, read from SUBLARR_* environment variables (see README, Configuration)."""

from __future__ import annotations

from pathlib import Path

from sublarr.database import database_from_url, sqlite_database
from sublarr.env import data_dir, env_bool, env_list, env_str, stored_secret

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir("DATA_DIR", str(BASE_DIR / "data"))

SECRET_KEY = stored_secret("SECRET_KEY", DATA_DIR, "secret_key")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Sublarr's apps come first so their management commands (migrate) take precedence.
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

# The legacy index names are kept verbatim; one is longer than Django's portable limit of 30
# characters (idx_translation_backend_stats_updated, 37), well inside SQLite's and PostgreSQL's.
SILENCED_SYSTEM_CHECKS = ["models.E034"]

REDIS_URL = env_str("REDIS_URL")

# The languages of the 'Default' profile seeded when a legacy file has none (legacy defaults).
SUBLARR_SOURCE_LANGUAGE = env_str("SOURCE_LANGUAGE", "en")
SUBLARR_TARGET_LANGUAGE = env_str("TARGET_LANGUAGE", "de")

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
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Serve straight from the app folders while developing or testing, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG

# Hardening that holds behind any reverse proxy; HTTPS-only settings are opt-in.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
