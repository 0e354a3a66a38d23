"""Run background tasks: an RQ worker with Redis, the embedded database worker without."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.tasks.base import default_worker_backend


class Command(BaseCommand):
    help = "Run a background worker for the configured queue (start as many as you like)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--burst", action="store_true", help="Exit when the queue is empty.")
        parser.add_argument("--worker-id", default=None, help="Unique name (default: generated).")

    def handle(self, *args: Any, burst: bool, worker_id: str | None, **options: Any) -> None:
        default_worker_backend.run_worker(burst=burst, worker_id=worker_id, stdout=self.stdout)
