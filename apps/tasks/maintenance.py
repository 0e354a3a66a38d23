"""Housekeeping, run by the `run_maintenance` task and command: each app brings its own steps.

An app registers a step from its AppConfig.ready() with `@maintenance.step(label)`; a step takes
the moment of the run and returns how many rows it changed. Steps under one label add up (the
finished jobs of core, of whisper and of the task backend are one figure). Labels run in the
order they were first registered, except those registered with `first=True`, which run before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings

from apps.tasks.base import default_worker_backend

Step = Callable[[datetime], int]
Progress = Callable[[str, int], None]

_steps: dict[str, list[Step]] = {}  # by label, in the order labels were first registered
_first: set[str] = set()  # labels that run before all others


def step(label: str, *, first: bool = False) -> Callable[[Step], Step]:
    """Register the decorated function as a maintenance step under `label` (once per function)."""

    def register(function: Step) -> Step:
        steps = _steps.setdefault(label, [])
        if function not in steps:
            steps.append(function)
        if first:
            _first.add(label)
        return function

    return register


def retention() -> timedelta:
    """How long finished work and logs are kept (SUBLARR_HISTORY_RETENTION_DAYS)."""
    return timedelta(days=settings.HISTORY_RETENTION_DAYS)


def purge_finished_task_records(now: datetime) -> int:
    """The task backend's own records of tasks finished before the retention window."""
    return default_worker_backend.purge_finished((now - retention()).replace(tzinfo=UTC))


def labels() -> list[str]:
    """The labels of the registered steps, in the order they run."""
    return sorted(_steps, key=lambda label: label not in _first)  # stable: registration order kept


def run(progress: Progress | None = None, now: datetime | None = None) -> dict[str, int]:
    """Run every registered step; returns rows changed per label."""
    # Naive UTC: the clock every legacy timestamp was written with.
    now = now or datetime.now(UTC).replace(tzinfo=None)
    report: dict[str, int] = {}
    for label in labels():
        report[label] = sum(function(now) for function in _steps[label])
        if progress:
            progress(label, report[label])
    return report
