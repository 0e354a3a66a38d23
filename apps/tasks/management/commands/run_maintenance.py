"""Run maintenance now (it also runs on its own schedule), or queue it for a worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.tasks import maintenance
from apps.tasks.tasks import run_maintenance


class Command(BaseCommand):
    help = "Purge expired caches, prune old logs and jobs, drop unused AniDB mappings, refresh daily stats."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Queue it for a worker instead.")

    def handle(self, *args: Any, enqueue: bool, **options: Any) -> None:
        if enqueue:
            result = run_maintenance.enqueue()
            self.stdout.write(self.style.SUCCESS(f"Maintenance queued as task {result.id}"))
            return
        total = len(maintenance.labels())
        done = 0

        def progress(label: str, count: int) -> None:
            nonlocal done
            done += 1
            self.stdout.write(f"[{done}/{total}] {label}: {count}")

        maintenance.run(progress=progress)
        self.stdout.write(self.style.SUCCESS("Maintenance done."))
