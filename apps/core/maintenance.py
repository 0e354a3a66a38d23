"""Core's maintenance steps: the daily statistics, and pruning finished translation jobs.

Legacy timestamps are TEXT in two spellings; every cut-off goes through `earlier_than`, which
compares each spelling with its own form of the moment.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from apps.core.models import DailyStats, Job
from apps.core.timestamps import earlier_than
from apps.tasks.maintenance import retention, step

FINISHED_JOB_STATUSES = ["completed", "failed", "skipped", "cancelled"]


def finished_before(cutoff: datetime) -> Q:
    """Finished before `cutoff`; a job without completed_at (legacy rows) by when it was created."""
    return earlier_than("completed_at", cutoff) | (
        (Q(completed_at="") | Q(completed_at__isnull=True)) & earlier_than("created_at", cutoff)
    )


# Statistics first: they are counted from jobs that the pruning step may delete.
@step("daily_stats refreshed (days)", first=True)
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


@step("finished jobs pruned")
def prune_finished_jobs(now: datetime) -> int:
    finished = finished_before(now - retention())
    return Job.objects.filter(finished, status__in=FINISHED_JOB_STATUSES).delete()[0]
