"""Core's background tasks."""

from __future__ import annotations

from django.tasks import task

from apps.core.dbtools import backup


@task(max_retries=2, retry_delay=300)
def run_daily_backup() -> str:
    """The scheduled backup of the database (retention as set by SUBLARR_BACKUP_KEEP)."""
    return str(backup.run_scheduled_backup())
