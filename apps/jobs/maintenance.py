"""Housekeeping: expired caches, old logs and finished jobs, stale AniDB mappings, daily statistics.

Legacy timestamps are TEXT in two spellings; every cut-off goes through
`apps.core.timestamps.earlier_than`, which compares each spelling with its own form of the moment.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from apps.core.models import DailyStats, Job
from apps.core.timestamps import earlier_than, utcnow
from apps.hooks.models import HookLog
from apps.jobs.base import default_worker_backend
from apps.providers.models import ProviderCache
from apps.standalone.models import AnidbMapping, MetadataCache
from apps.translation.models import WhisperJob

Progress = Callable[[str, int], None]
ANIDB_UNUSED_DAYS = 90
FINISHED_JOB_STATUSES = ["completed", "failed", "skipped", "cancelled"]


# The shared rule; kept under this name for the other pruning steps below.
before = earlier_than


def retention() -> timedelta:
    return timedelta(days=int(getattr(settings, "HISTORY_RETENTION_DAYS", 30)))


def purge_expired_caches(now: datetime) -> int:
    return ProviderCache.objects.delete_expired(now) + MetadataCache.objects.delete_expired(now)


def prune_hook_log(now: datetime) -> int:
    return HookLog.objects.filter(before("triggered_at", now - retention())).delete()[0]


def prune_finished_jobs(now: datetime) -> int:
    cutoff = now - retention()
    # A finished job without completed_at (legacy rows) is judged by when it was created.
    finished_before = before("completed_at", cutoff) | (
        (Q(completed_at="") | Q(completed_at__isnull=True)) & before("created_at", cutoff)
    )
    pruned = Job.objects.filter(finished_before, status__in=FINISHED_JOB_STATUSES).delete()[0]
    pruned += WhisperJob.objects.filter(finished_before, status__in=FINISHED_JOB_STATUSES).delete()[0]
    return pruned + default_worker_backend.purge_finished(cutoff.replace(tzinfo=UTC))


def drop_unused_anidb_mappings(now: datetime) -> int:
    cutoff = now - timedelta(days=ANIDB_UNUSED_DAYS)
    unused = before("last_used", cutoff) | (Q(last_used__isnull=True) & before("created_at", cutoff))
    return AnidbMapping.objects.filter(unused).delete()[0]


def refresh_daily_stats(now: datetime) -> int:
    """Recount the days still fully covered by the jobs table (inside the retention window).

    Older days keep their stored counts: their jobs may be pruned already, and a recount would
    wipe history. by_source_json is kept as stored.
    """
    first_day = (now - retention()).date().isoformat()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    formats: dict[str, Counter[str]] = defaultdict(Counter)
    for status, fmt, created, completed in Job.objects.values_list(
        "status", "source_format", "created_at", "completed_at"
    ):
        day = (completed or created or "")[:10]
        if day < first_day:
            continue
        counts[day][status] += 1
        if status == "completed" and fmt:
            formats[day][fmt] += 1
    with transaction.atomic():
        for day, counter in counts.items():
            by_format = {"ass": 0, "srt": 0, **formats[day]}
            DailyStats.objects.update_or_create(
                date=day,
                defaults={
                    "translated": counter["completed"],
                    "failed": counter["failed"],
                    "skipped": counter["skipped"],
                    "by_format_json": json.dumps(by_format),
                },
            )
    return len(counts)


# Statistics first: they are counted from jobs that the pruning step may delete.
STEPS: list[tuple[str, Callable[[datetime], int]]] = [
    ("daily_stats refreshed (days)", refresh_daily_stats),
    ("expired cache rows purged", purge_expired_caches),
    ("hook_log rows pruned", prune_hook_log),
    ("finished jobs pruned", prune_finished_jobs),
    ("unused anidb_mappings dropped", drop_unused_anidb_mappings),
]


def run(progress: Progress | None = None, now: datetime | None = None) -> dict[str, int]:
    now = now or utcnow()
    report = {}
    for label, step in STEPS:
        report[label] = step(now)
        if progress:
            progress(label, report[label])
    return report
