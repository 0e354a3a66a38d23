"""`backup_database`: a compressed archive of Sublarr's database, keeping the newest N."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.core.dbtools.backup import BackupError, backup_dir, backup_keep, create_backup, prune_backups
from apps.core.dbtools.databases import DatabaseError


class Command(BaseCommand):
    help = (
        "Backs up Sublarr's database (SQLite: online backup API; PostgreSQL: pg_dump) into a compressed "
        "archive with a manifest, then deletes the oldest archives beyond SUBLARR_BACKUP_KEEP."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help="where archives go (default: SUBLARR_BACKUP_DIR)")
        parser.add_argument(
            "--keep", type=int, help="how many archives to keep (default: SUBLARR_BACKUP_KEEP)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["dir"] or backup_dir()
        keep = options["keep"] if options["keep"] is not None else backup_keep()
        try:
            archive = create_backup(folder=folder)
            removed = prune_backups(folder, keep)
        except (BackupError, DatabaseError) as exc:
            raise CommandError(str(exc)) from None
        size = archive.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive} ({size / 1_000_000:.1f} MB)"))
        for old in removed:
            self.stdout.write(f"  deleted old backup {old.name} (keeping {keep})")
