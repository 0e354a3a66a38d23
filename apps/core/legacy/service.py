"""What `migrate` and `adopt_legacy` share: finding the database file and adopting it if needed."""

from __future__ import annotations

from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

from apps.core.legacy import adopt, reference
from apps.core.legacy.reference import LEGACY_APPS


def sqlite_file(connection: BaseDatabaseWrapper) -> Path | None:
    """The file behind a SQLite connection; None for other databases and in-memory ones."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return Path(name)


def adopt_if_legacy(alias: str) -> adopt.Result | None:
    """Adopt the database behind `alias` when it is an unadopted legacy file."""
    connection = connections[alias]
    path = sqlite_file(connection)
    if path is None or not adopt.needs_adoption(path):
        return None
    # Adoption works on its own connection; Django's must not hold the file meanwhile.
    connection.close()
    return adopt.adopt(path, reference.build())


def unknown_migrations(alias: str) -> list[str]:
    """Migrations recorded in the database that this version of Sublarr does not have."""
    connection = connections[alias]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in LEGACY_APPS and (app, name) not in loader.disk_migrations
    )
