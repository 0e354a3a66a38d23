"""The schema that Sublarr's migrations describe, built in an in-memory SQLite database.

Adoption and schema checks compare a real file with this reference instead of a hand-kept copy of
the DDL, so the models and migrations stay the single source of truth.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend

from apps.core.legacy.schema import Table, describe
from sublarr.database import SQLITE_ENGINE

# The apps whose tables are the legacy tables, in the order their migrations apply.
LEGACY_APPS = ("core", "providers", "translation", "hooks", "standalone")


@dataclass(frozen=True)
class Reference:
    tables: dict[str, Table]
    table_sql: dict[str, str]  # CREATE TABLE statement per table
    index_sql: dict[str, tuple[str, str]]  # index name -> (table, CREATE INDEX statement)
    recorder_sql: str  # CREATE TABLE django_migrations
    migrations: tuple[tuple[str, str], ...]  # (app, name) the reference applied


def initial_migrations(loader: MigrationLoader) -> list[tuple[str, str]]:
    """The migrations of the legacy apps marked `initial`: what fake-initial adoption records."""
    return sorted(
        key
        for key, migration in loader.disk_migrations.items()
        if key[0] in LEGACY_APPS and migration.initial
    )


def project_apps() -> set[str]:
    """Sublarr's own apps (the legacy five and any added since), not Django's contrib apps."""
    return {config.label for config in apps.get_app_configs() if config.name.startswith("apps.")}


def latest_migrations(loader: MigrationLoader) -> list[tuple[str, str]]:
    return [key for key in loader.graph.leaf_nodes() if key[0] in project_apps()]


REFERENCE_ALIAS = "sublarr_reference"


def _scratch_connection(**overrides: Any) -> BaseDatabaseWrapper:
    """A connection of its own, reachable as connections[REFERENCE_ALIAS] (the migration executor
    opens transactions by alias) but not a configured database, so test isolation allows it."""
    settings_dict = {**connections[DEFAULT_DB_ALIAS].settings_dict, **overrides}
    connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, REFERENCE_ALIAS)
    connections[REFERENCE_ALIAS] = connection
    return connection


def _drop_scratch_connection() -> None:
    connections[REFERENCE_ALIAS].close()
    del connections[REFERENCE_ALIAS]


def _migrate(connection: BaseDatabaseWrapper, initial_only: bool) -> None:
    executor = MigrationExecutor(connection)
    loader = executor.loader
    executor.migrate(initial_migrations(loader) if initial_only else latest_migrations(loader))


def postgres_tables(alias: str) -> dict[str, Table]:
    """What the migrations create on PostgreSQL, built in a scratch schema of the same database."""
    from apps.core.legacy.schema_postgres import describe_postgres

    scratch = f"sublarr_reference_{os.getpid()}"
    base = connections[alias].settings_dict
    options = {**base.get("OPTIONS", {}), "options": f"-c search_path={scratch}"}
    with connections[alias].cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{scratch}"')
    try:
        connection = _scratch_connection(OPTIONS=options, CONN_MAX_AGE=0)
        _migrate(connection, initial_only=False)
        with connection.cursor() as cursor:
            return describe_postgres(cursor, scratch)
    finally:
        _drop_scratch_connection()
        with connections[alias].cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{scratch}" CASCADE')


@cache
def build(initial_only: bool = True) -> Reference:
    """Apply the legacy apps' initial (or all) migrations to a new in-memory SQLite database."""
    connection = _scratch_connection(ENGINE=SQLITE_ENGINE, NAME=":memory:", OPTIONS={})
    try:
        _migrate(connection, initial_only)
        raw: sqlite3.Connection = connection.connection
        tables = describe(raw)
        table_sql = dict(
            raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
        index_sql = {
            name: (table, sql)
            for name, table, sql in raw.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        }
        applied = tuple(
            sorted((app, name) for app, name in raw.execute("SELECT app, name FROM django_migrations"))
        )
        return Reference(
            tables=tables,
            table_sql={name: table_sql[name] for name in tables},
            index_sql={name: v for name, v in index_sql.items() if v[0] in tables},
            recorder_sql=table_sql["django_migrations"],
            migrations=applied,
        )
    finally:
        _drop_scratch_connection()
