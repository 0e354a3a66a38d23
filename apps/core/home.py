"""The page at / when no frontend is configured (SUBLARR_FRONTEND_DIR unset): what is running, and
the ways in (admin, API docs, API key). Anonymous, so it shows state and paths, never a secret."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.core.dbtools.backup import sublarr_version
from apps.tasks.backends import rq
from apps.tasks.base import default_worker_backend
from sublarr.api.keys import KEY_VARIABLE, key_path
from sublarr.env import PREFIX


def database_status() -> dict[str, object]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return {"vendor": connection.vendor, "ok": False, "error": str(exc).splitlines()[0]}
    return {"vendor": connection.vendor, "ok": True}


def queue_status() -> dict[str, object]:
    try:
        return {"ok": True, **default_worker_backend.queue_stats()}
    except Exception as exc:  # Redis down, or the database: the page still renders and says so
        return {"ok": False, "error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}


def home(request: HttpRequest) -> HttpResponse:
    key_from_environment = bool(settings.API_KEY)
    context = {
        "version": sublarr_version(),
        "database": database_status(),
        "queue": queue_status(),
        "queue_backend": "Redis (RQ)" if rq.in_use() else "embedded",
        "key_variable": PREFIX + KEY_VARIABLE,
        "key_from_environment": key_from_environment,
        "key_file": None if key_from_environment else key_path(),
    }
    return render(request, "home.html", context)
