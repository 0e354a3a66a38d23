"""`schema_check`: compare a database's schema with what Sublarr's migrations describe."""

from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from apps.core.legacy import reference
from apps.core.legacy.schema import Drift, Table, describe, diff
from apps.core.legacy.schema_postgres import describe_postgres


def actual_tables(alias: str) -> dict[str, Table]:
    connection = connections[alias]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return describe(connection.connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return describe_postgres(cursor, cursor.fetchone()[0])


def expected_tables(alias: str) -> dict[str, Table]:
    if connections[alias].vendor == "sqlite":
        return reference.build(initial_only=False).tables
    return reference.postgres_tables(alias)


def drifts(alias: str) -> list[Drift]:
    return diff(expected_tables(alias), actual_tables(alias))


class Command(BaseCommand):
    help = "Prints every difference between the database schema and Sublarr's models; exit 1 on drift."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, database: str, **options: Any) -> None:
        found = drifts(database)
        for drift in found:
            style = self.style.WARNING if drift.is_addition else self.style.ERROR
            self.stdout.write(style(str(drift)))
        if found:
            raise CommandError(f"{len(found)} difference(s) from the models' schema")
        self.stdout.write(self.style.SUCCESS("The schema matches the models."))
