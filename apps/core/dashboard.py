"""The dashboard's figures (/api/v1/stats): translation totals of the newest 30 days and pending jobs.

The web frontend polls the dashboard every few seconds, from every open tab. The figures are kept
in the cache and dropped whenever a job or a daily row is saved or deleted through the ORM, so a
poll costs a cache read and still shows every change at once; writes that bypass the ORM (bulk
updates, another program on the same file) show within TIMEOUT_SECONDS.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save

from apps.core.models import DailyStats, Job

TIMEOUT_SECONDS = 10
SUMMARY_DAYS = 30
DAY_COLUMNS = ("date", "translated", "failed", "skipped")


def counts(text: str | None) -> dict[str, Any]:
    """A by_format/by_source JSON object; malformed legacy text counts as empty."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def add_counts(totals: dict[str, Any], counts: dict[str, Any]) -> None:
    for key, value in counts.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            totals[key] = totals.get(key, 0) + value


def day_row(row: dict[str, Any]) -> dict[str, Any]:
    return {column: row[column] for column in DAY_COLUMNS}


def recent_days(count: int) -> list[dict[str, Any]]:
    """Legacy `SELECT * FROM daily_stats ORDER BY date DESC LIMIT n`: the newest rows, not a date range."""
    rows = DailyStats.objects.order_by("-date").values(*DAY_COLUMNS, "by_format_json", "by_source_json")
    return list(rows[:count])


def stats_summary() -> dict[str, Any]:
    """Legacy get_stats_summary: the totals of the newest 30 daily rows, and today's translations."""
    days = recent_days(SUMMARY_DAYS)
    by_format: dict[str, Any] = {}
    by_source: dict[str, Any] = {}
    for row in days:
        add_counts(by_format, counts(row["by_format_json"]))
        add_counts(by_source, counts(row["by_source_json"]))
    # Days are UTC dates here: maintenance counts them from the UTC job timestamps.
    today = datetime.now(UTC).date().isoformat()
    today_translated = next((row["translated"] for row in days if row["date"] == today), None)
    if today_translated is None and len(days) == SUMMARY_DAYS and days[-1]["date"] > today:
        # Thirty rows dated after today (a clock set back): today's row may lie beyond them.
        today_translated = DailyStats.objects.filter(date=today).values_list("translated", flat=True).first()
    return {
        "total_translated": sum(row["translated"] or 0 for row in days),
        "total_failed": sum(row["failed"] or 0 for row in days),
        "total_skipped": sum(row["skipped"] or 0 for row in days),
        "today_translated": today_translated or 0,
        "by_format": by_format,
        "by_source": by_source,
        "daily": [day_row(row) for row in days],
    }


def cache_key() -> str:
    # Named after the database: several databases may share one Redis (and tests run one per worker).
    return f"sublarr:dashboard:{connection.vendor}:{connection.settings_dict['NAME']}"


def dashboard() -> dict[str, Any]:
    """stats_summary() plus the pending job count, from the cache when nothing changed since."""
    key = cache_key()
    figures = cache.get(key)
    if figures is None:
        pending = Job.objects.filter(status__in=(Job.Status.QUEUED, Job.Status.RUNNING)).count()
        figures = {**stats_summary(), "pending_jobs": pending}
        cache.set(key, figures, TIMEOUT_SECONDS)
    return figures


def forget(**kwargs: Any) -> None:
    cache.delete(cache_key())


def connect() -> None:
    """Drop the cached figures on every ORM change of the rows they come from (CoreConfig.ready)."""
    for model in (Job, DailyStats):
        label = model._meta.db_table
        post_save.connect(forget, sender=model, dispatch_uid=f"dashboard-save-{label}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"dashboard-delete-{label}")
