"""DATABASES from SUBLARR_DATABASE_URL (PostgreSQL or SQLite) or the embedded SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SQLITE_ENGINE = "sublarr.db.sqlite3"
POSTGRES_ENGINE = "django.db.backends.postgresql"

# WAL lets readers work while a writer commits; IMMEDIATE transactions take the write lock up
# front, so a second writer waits out busy_timeout instead of failing with "database is locked".
SQLITE_OPTIONS: dict[str, Any] = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000",
}


def sqlite_database(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    # The test database is a file next to the real one, not Django's in-memory default, so
    # worker processes started by tests share it.
    test = {"NAME": str(path.with_name(f"test_{path.name}"))}
    return {"ENGINE": SQLITE_ENGINE, "NAME": str(path), "OPTIONS": dict(SQLITE_OPTIONS), "TEST": test}


def database_from_url(url: str) -> dict[str, Any]:
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        name = dj_database_url.parse(url)["NAME"]
        if not name or name == ":memory:":
            raise ImproperlyConfigured(
                "SUBLARR_DATABASE_URL: a sqlite URL needs a file path (sqlite:////abs/path.db)"
            )
        return sqlite_database(name)
    if scheme in {"postgres", "postgresql", "pgsql"}:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        config["ENGINE"] = POSTGRES_ENGINE
        return config
    raise ImproperlyConfigured(
        f"SUBLARR_DATABASE_URL: unsupported scheme {scheme!r} (use postgres://... or sqlite:///...)"
    )
