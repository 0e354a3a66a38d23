"""`adopt_legacy`: adopt a legacy Sublarr database in place, or with --check show what would happen."""

from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from apps.core.legacy import adopt, reference
from apps.core.legacy.service import adopt_if_legacy, sqlite_file


class Command(BaseCommand):
    help = "Adopts a legacy Sublarr SQLite database (backup, upgrade to the legacy head, verify, record)."
    # System checks open the database through Django, whose connection settings switch the file
    # to WAL: a dry run must leave it byte for byte as it is.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Dry run: print the detected version, planned changes and row counts.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, check: bool, database: str, **options: Any) -> None:
        path = sqlite_file(connections[database])
        if path is None:
            raise CommandError("adoption applies to SQLite files; this database is not one")
        try:
            if not adopt.needs_adoption(path):
                self.stdout.write(f"{path}: nothing to adopt (new, empty or already adopted)")
                return
            if check:
                self._check(path)
            else:
                result = adopt_if_legacy(database)
                assert result is not None
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{path}: adopted ({result.plan.version_label}), {len(result.plan.steps)} changes; "
                        f"backup at {result.backup}"
                    )
                )
        except adopt.AdoptionError as exc:
            raise CommandError(str(exc)) from None

    def _check(self, path: Any) -> None:
        con = adopt.connect(path, write=False)
        try:
            plan = adopt.plan(con, reference.build(), path)
            counts = adopt.row_counts(con)
        finally:
            con.close()
        self.stdout.write(f"{path}: {plan.version_label}")
        self.stdout.write(f"Planned changes ({len(plan.steps)}):")
        for step in plan.steps:
            self.stdout.write(f"  {step.description}")
        for kept in plan.kept:
            self.stdout.write(self.style.WARNING(f"  keep {kept} (not part of Sublarr's schema)"))
        self.stdout.write("Rows per table:")
        width = max(map(len, counts), default=0)
        for table, count in counts.items():
            self.stdout.write(f"  {table:<{width}}  {count:>10,}")
        if plan.blockers:
            raise CommandError("adoption would stop: " + "; ".join(plan.blockers))
        self.stdout.write(self.style.SUCCESS("Adoption would succeed; nothing was changed."))
