"""`restore_database FILE`: replace Sublarr's database with a backup archive's, after checking it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.core.dbtools.backup import BackupError, check_schema, restore_backup
from apps.core.dbtools.databases import DatabaseError


class Command(BaseCommand):
    help = (
        "Restores a backup_database archive. A damaged archive, one from a newer Sublarr or one of the "
        "other database kind is refused with nothing changed; older archives are migrated afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="a sublarr-backup-*.tar.gz file")
        parser.add_argument(
            "--no-safety-backup",
            action="store_true",
            help="do not back up the current database before replacing it (when it cannot be read)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = restore_backup(options["archive"], safety_backup=not options["no_safety_backup"])
        except (BackupError, DatabaseError) as exc:
            raise CommandError(str(exc)) from None
        manifest = restored.manifest
        if restored.safety_backup:
            self.stdout.write(f"The database as it was before is backed up in {restored.safety_backup}")
        rows = sum(entry["rows"] for entry in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} (Sublarr {manifest['sublarr_version']}): "
                f"{len(manifest['tables'])} tables, {rows} rows, digests verified."
            )
        )
        if pending := check_schema(manifest):
            self.stdout.write(f"The archive predates {len(pending)} migrations; migrating.")
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
