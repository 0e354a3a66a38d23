"""What Sublarr itself depends on, checked for real: the database, Redis and the task queue.

Each check answers a `Check` (healthy or not, and one line saying why). The legacy health
endpoints reported Ollama, Sonarr and the providers; those are external services this platform
does not run, so the checks here are the ones whose failure stops Sublarr's own work.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis
from django.apps import apps as django_apps
from django.conf import settings
from django.db import DatabaseError, connection

from apps.core.legacy.reference import LEGACY_APPS
from apps.tasks.backends import rq
from apps.tasks.base import default_worker_backend

# The words the legacy frontend reads in /health "services": "OK..." is a green dot, "not
# configured" a grey one, anything else red (its Dashboard compares the text).
OK = "OK"
NOT_CONFIGURED = "not configured"


@dataclass(frozen=True)
class Check:
    healthy: bool
    message: str
    details: dict[str, Any] = field(default_factory=dict)


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return Check(False, f"unavailable: {exc}".strip())
    return Check(True, OK)


def check_redis() -> Check:
    url = settings.REDIS_URL
    if not url:
        return Check(True, NOT_CONFIGURED)  # embedded: no Redis needed
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except (redis.RedisError, ValueError) as exc:  # ValueError: not a redis:// URL
        return Check(False, f"unreachable: {exc}")
    return Check(True, OK)


def check_task_queue() -> Check:
    """Reachable, and at least one worker alive: without one, queued work waits forever."""
    backend = default_worker_backend
    kind = "redis" if rq.in_use() else "embedded"
    try:
        pending, workers = backend.pending_count(), backend.worker_count()
    except (DatabaseError, redis.RedisError) as exc:
        return Check(False, f"{kind}: unavailable: {exc}")
    details = {"pending": pending, "workers": workers}
    if workers == 0:
        return Check(False, f"{kind}: no worker running, {pending} pending", details)
    return Check(True, f"{OK} ({kind}: {workers} worker{'s' * (workers != 1)}, {pending} pending)", details)


# --- the database in detail (GET /database/health, /database/vacuum) -------------------------


def database_size() -> int:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    return _file_size(Path(connection.settings_dict["NAME"]))


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def integrity() -> tuple[bool, str]:
    """SQLite's integrity_check (legacy: the first ten problems, joined); PostgreSQL answering."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "sqlite":
                cursor.execute("SELECT 1")
                return True, "ok"
            cursor.execute("PRAGMA integrity_check")
            rows = [row[0] for row in cursor.fetchall()]
    except DatabaseError as exc:
        return False, str(exc)
    if rows == ["ok"]:
        return True, "ok"
    return False, f"Integrity check failed: {'; '.join(rows[:10])}"


def data_tables() -> set[str]:
    """The legacy application's tables (the models of the legacy apps), not Django's bookkeeping."""
    return {
        model._meta.db_table
        for label in LEGACY_APPS
        for model in django_apps.get_app_config(label).get_models()
        if model._meta.managed
    }


def database_stats() -> dict[str, Any]:
    """The legacy stats keys: sizes, journal and page figures, and each data table's row count."""
    stats: dict[str, Any] = {"size_bytes": database_size()}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            stats["wal_size_bytes"] = _file_size(Path(f"{connection.settings_dict['NAME']}-wal"))
            for pragma in ("journal_mode", "page_size", "page_count", "freelist_count"):
                cursor.execute(f"PRAGMA {pragma}")
                row = cursor.fetchone()
                stats[pragma] = row[0] if row else None
        else:
            # PostgreSQL always writes ahead; its pages are blocks of block_size bytes.
            cursor.execute("SELECT current_setting('block_size')::int")
            page_size = int(cursor.fetchone()[0])
            stats.update(
                wal_size_bytes=0,
                journal_mode="wal",
                page_size=page_size,
                page_count=stats["size_bytes"] // page_size,
                # PostgreSQL keeps no free-page list (VACUUM hands space to its free space map).
                freelist_count=0,
            )
        stats["wal_mode"] = stats["journal_mode"] == "wal"
        tables = sorted(data_tables() & set(connection.introspection.table_names(cursor)))
        counts: dict[str, int] = {}
        if tables:
            qn = connection.ops.quote_name
            # One statement for every table's count: a query per table costs a round trip each.
            cursor.execute(" UNION ALL ".join(f"SELECT %s, COUNT(*) FROM {qn(t)}" for t in tables), tables)
            counts = {name: int(count) for name, count in cursor.fetchall()}
        stats["tables"] = counts
    return stats


def vacuum() -> dict[str, int]:
    """VACUUM the database (outside any transaction, as both databases require); sizes before and after."""
    with connection.cursor() as cursor:
        _checkpoint(cursor)
        before = database_size()
        cursor.execute("VACUUM")
        _checkpoint(cursor)
        after = database_size()
    return {"before_bytes": before, "after_bytes": after, "saved_bytes": before - after}


def _checkpoint(cursor: Any) -> None:
    # In WAL mode VACUUM writes the new pages to the -wal file; the main file only shrinks when
    # they are checkpointed back, so both sizes are taken with an empty WAL.
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def disk_usage(path: Path) -> dict[str, Any]:
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return {"healthy": True, "message": "path not found"}
    percent = round(usage.used / usage.total * 100, 1) if usage.total else 0.0
    return {"healthy": percent < 95, "percent": percent, "free_bytes": usage.free}


def memory() -> dict[str, Any]:
    """This process's resident and virtual size, from /proc (Linux; legacy read them via psutil)."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as handle:
            vms_pages, rss_pages = (int(v) for v in handle.read().split()[:2])
    except (OSError, ValueError):
        return {"healthy": True, "message": "not available on this system"}
    page = os.sysconf("SC_PAGE_SIZE")
    return {"healthy": True, "rss_bytes": rss_pages * page, "vms_bytes": vms_pages * page}
