"""`transfer_database --to URL [--from URL] [--replace]`: move Sublarr to another database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.core.dbtools import databases
from apps.core.dbtools.databases import BATCH_ROWS, DatabaseError
from apps.core.dbtools.fastcopy import JOBS
from apps.core.dbtools.transfer import Report, TransferError, transfer


class Command(BaseCommand):
    help = (
        "Copies every Sublarr table to another database (SQLite <-> PostgreSQL), then compares every "
        "value of every row, table by table. Run it again to resume an interrupted transfer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            required=True,
            metavar="URL",
            help="the target, e.g. postgres://user:pass@host:5432/sublarr or sqlite:////abs/file.db",
        )
        parser.add_argument(
            "--from",
            dest="source",
            metavar="URL",
            help="the source (default: the database Sublarr is configured with)",
        )
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a target that already holds Sublarr data"
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_ROWS, help="rows per committed batch")
        parser.add_argument(
            "--jobs", type=int, default=JOBS, help="tables copied at once to PostgreSQL (default %(default)s)"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            source = databases.from_url(options["source"]) if options["source"] else databases.current()
            target = databases.from_url(options["to"])
            self.stdout.write(f"Transferring {source.label} -> {target.label}")
            report = transfer(
                source,
                target,
                replace=options["replace"],
                batch=options["batch_size"],
                progress=not options["no_progress"],
                jobs=options["jobs"],
            )
        except (DatabaseError, TransferError) as exc:
            raise CommandError(str(exc)) from None
        except KeyboardInterrupt:
            raise CommandError("interrupted; run the same command again to resume") from None
        self._report(report, options["verbosity"])

    def _report(self, report: Report, verbosity: int) -> None:
        if report.resumed:
            self.stdout.write("Resumed an interrupted transfer.")
        for item in report.left_out:
            self.stdout.write(self.style.WARNING(f"Not transferred: {item} (not part of Sublarr's schema)"))
        for check in report.checks:
            line = f"  {check.table}: {check.source['rows']} rows"
            if check.ok:
                self.stdout.write(line + " " + self.style.SUCCESS("ok"))
            else:
                self.stdout.write(
                    self.style.ERROR(
                        f"{line} -> {check.target['rows']} rows, first difference at key "
                        f"{check.first_difference!r}"
                    )
                )
        if not report.ok:
            names = ", ".join(c.table for c in report.differences)
            raise CommandError(
                f"verification failed: the target differs in {names}; "
                "rerun with --replace after finding the cause"
            )
        rows = sum(report.copied.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Transferred and verified {len(report.checks)} tables: {rows} rows copied in "
                f"{report.seconds:.1f}s (verification {report.verify_seconds:.1f}s"
                f"{', table by table during the copy' if report.overlapped else ''})."
            )
        )
        if verbosity >= 2:
            self.stdout.write("Phases: " + ", ".join(f"{k} {v:.1f}s" for k, v in report.phases.items()))
            self.stdout.write(
                f"Tables read back from the target exactly as sent: {len(report.read_back_as_sent)}; "
                f"compared with the source read again: {len(report.checks) - len(report.read_back_as_sent)}"
            )
