"""`migrate`, which first adopts a legacy Sublarr database in place (see apps.core.legacy.adopt)."""

from __future__ import annotations

from typing import Any

from django.core.management import CommandError
from django.core.management.commands import migrate

from apps.core.legacy.adopt import AdoptionError, Result
from apps.core.legacy.service import adopt_if_legacy, unknown_migrations


class Command(migrate.Command):
    help = "Adopts a legacy Sublarr database if needed, then applies migrations."

    adopted: Result | None = None

    def execute(self, *args: Any, **options: Any) -> Any:
        # Before the system checks: some of them open the database, and Django's connection
        # settings (WAL) would already change a file that adoption must refuse untouched.
        try:
            self.adopted = adopt_if_legacy(options["database"])
        except AdoptionError as exc:
            raise CommandError(str(exc)) from None
        return super().execute(*args, **options)

    def handle(self, *args: Any, **options: Any) -> None:
        if self.adopted is not None and options["verbosity"] >= 1:
            self.report(self.adopted)
        database = options["database"]
        if unknown := unknown_migrations(database):
            raise CommandError(
                f"the database was migrated by a newer Sublarr ({', '.join(unknown)} unknown here); "
                "upgrade Sublarr or restore a backup"
            )
        super().handle(*args, **options)

    def report(self, result: Result) -> None:
        plan = result.plan
        self.stdout.write(f"Adopted the legacy database {plan.path} ({plan.version_label}):")
        self.stdout.write(f"  backup: {result.backup}")
        for step in plan.steps:
            self.stdout.write(f"  {step.description}")
        for kept in plan.kept:
            self.stdout.write(self.style.WARNING(f"  kept {kept} (not part of Sublarr's schema)"))
        recorded = ", ".join(f"{app}.{name}" for app, name in result.recorded)
        self.stdout.write(f"  recorded as applied: {recorded}")
