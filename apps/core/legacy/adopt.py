"""Adopt a legacy Sublarr SQLite file in place: back it up, bring it to the legacy head, verify it
against the initial migrations and record them as applied, all in one transaction.

Django's own `--fake-initial` only checks that tables exist; a file from an older release would be
marked adopted while columns are missing. Here the whole schema is compared, the gaps are filled the
way the legacy start-up filled them (ALTER TABLE ADD COLUMN with the legacy default, CREATE TABLE,
CREATE INDEX), and anything that cannot be filled stops adoption with nothing changed.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from apps.core.legacy import languages
from apps.core.legacy.reference import LEGACY_APPS, Reference
from apps.core.legacy.schema import Column, Drift, describe, diff, quote
from apps.core.legacy.versions import LEGACY_TABLES, describe_version, detect_version
from sublarr.db.fields import now_iso
from sublarr.env import writable

logger = logging.getLogger("sublarr.adoption")

SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_TIMEOUT_SECONDS = 5.0
_FILLABLE = {"missing_table", "missing_column", "missing_index"}


class AdoptionError(Exception):
    """Adoption cannot go ahead; the message is one line for the user, and the file is unchanged."""


@dataclass
class Step:
    description: str
    sql: str
    params: Sequence[Any] = ()


@dataclass
class Plan:
    path: Path
    version: int
    steps: list[Step] = field(default_factory=list)
    kept: list[Drift] = field(default_factory=list)  # the user's own additions, left in place
    blockers: list[str] = field(default_factory=list)

    @property
    def version_label(self) -> str:
        return describe_version(self.version)


@dataclass
class Result:
    plan: Plan
    backup: Path
    recorded: tuple[tuple[str, str], ...]  # the initial migrations marked as applied
    backup_seconds: float


# --- opening the file ---------------------------------------------------------------------------


def check_file(path: Path, *, write: bool) -> None:
    """Refuse, in one line, what SQLite would only fail on half-way: not a database, read-only."""
    if not path.exists():
        raise AdoptionError(f"{path}: no such file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise AdoptionError(f"{path}: not a SQLite database")
    if write:
        if not writable(path):
            raise AdoptionError(f"{path}: the file is read-only; make it writable to adopt it")
        folder = path.parent
        if not writable(folder):
            raise AdoptionError(
                f"{folder}: the folder is read-only; the backup and journal need to be written there"
            )


def connect(path: Path, *, write: bool, recover: bool = False) -> sqlite3.Connection:
    check_file(path, write=write)
    mode = "rw" if write or recover else "ro"
    con = sqlite3.connect(
        f"file:{path}?mode={mode}", uri=True, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None
    )
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        con.close()
        raise AdoptionError(f"{path}: cannot read the database: {exc}") from None
    return con


def table_columns(con: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: [r[1] for r in con.execute(f"PRAGMA table_info({quote(t)})")] for t in names}


def recorded_migrations(con: sqlite3.Connection) -> set[tuple[str, str]]:
    if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
        return set()
    placeholders = ", ".join("?" * len(LEGACY_APPS))
    return set(
        con.execute(
            f"SELECT app, name FROM django_migrations WHERE app IN ({placeholders})", LEGACY_APPS
        ).fetchall()
    )


def needs_adoption(path: Path) -> bool:
    """Legacy tables present and no migration history for Sublarr's apps."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    # Read-write when allowed, so that SQLite can roll back the hot journal an interrupted
    # adoption (or legacy write) left behind; read-only files are opened read-only.
    con = connect(path, write=False, recover=writable(path))
    try:
        has_legacy = bool(LEGACY_TABLES & table_columns(con).keys())
        history = recorded_migrations(con)
    finally:
        con.close()
    apps_recorded = {app for app, _ in history}
    if history and apps_recorded != set(LEGACY_APPS):
        missing = ", ".join(sorted(set(LEGACY_APPS) - apps_recorded))
        raise AdoptionError(
            f"{path}: migration history is incomplete (nothing recorded for {missing}); "
            "restore the pre-adoption backup or run adopt_legacy --check"
        )
    return has_legacy and not history


# --- planning -----------------------------------------------------------------------------------


def plan(con: sqlite3.Connection, reference: Reference, path: Path) -> Plan:
    """Everything adoption would do to this file, and whatever stops it."""
    found = describe(con)
    result = Plan(path, detect_version({t: tbl.columns for t, tbl in found.items()}))
    new_tables: set[str] = set()
    for drift in diff(reference.tables, found):
        if drift.is_addition:
            result.kept.append(drift)
        elif drift.kind == "missing_table":
            new_tables.add(drift.table)
            result.steps.append(Step(f"create table {drift.table}", reference.table_sql[drift.table]))
        elif drift.kind == "missing_column":
            result.steps.extend(_add_column(reference.tables[drift.table].columns[drift.name], drift, result))
        elif drift.kind != "missing_index":
            result.blockers.append(str(drift))
    for name, (table, sql) in sorted(reference.index_sql.items()):
        if table not in found or name not in found[table].indexes:
            result.steps.append(Step(f"create index {name} on {table}", sql))
    result.steps.extend(_seed_steps(con, found, new_tables))
    return result


def _add_column(column: Column, drift: Drift, into: Plan) -> list[Step]:
    # SQLite adds a column only with a constant default, and NOT NULL only with a non-NULL one;
    # every column the legacy releases added had one, so anything else is not a legacy file.
    constant = column.default is None or "(" not in column.default
    if column.pk or not constant or (column.notnull and column.default in (None, "NULL")):
        into.blockers.append(f"{drift} cannot be added in place")
        return []
    definition = f"{quote(column.name)} {column.type}"
    if column.notnull:
        definition += " NOT NULL"
    if column.default is not None:
        definition += f" DEFAULT {column.default}"
    return [
        Step(
            f"add column {drift.table}.{column.name} ({column.describe()})",
            f"ALTER TABLE {quote(drift.table)} ADD COLUMN {definition}",
        )
    ]


def _seed_steps(con: sqlite3.Connection, found: dict[str, Any], new_tables: set[str]) -> list[Step]:
    """The rows the legacy head's start-up seeded: a 'Default' language profile when none exists."""
    if (
        "language_profiles" not in new_tables
        and con.execute("SELECT 1 FROM language_profiles LIMIT 1").fetchone()
    ):
        return []
    config = (
        dict(con.execute("SELECT key, value FROM config_entries").fetchall())
        if "config_entries" in found
        else {}
    )
    source, target = languages.default_pair(config)
    created = now_iso()
    return [
        Step(
            f"seed the 'Default' language profile ({source.code} -> {target.code})",
            "INSERT INTO language_profiles (name, source_language, source_language_name,"
            " target_languages_json, target_language_names_json, is_default, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            (
                "Default",
                source.code,
                source.name,
                f'["{target.code}"]',
                f'["{target.name}"]',
                created,
                created,
            ),
        )
    ]


def row_counts(con: sqlite3.Connection) -> dict[str, int]:
    tables = sorted(t for t in table_columns(con) if not t.startswith(("sqlite_", "django_")))
    return {t: con.execute(f"SELECT count(*) FROM {quote(t)}").fetchone()[0] for t in tables}


# --- adopting -----------------------------------------------------------------------------------


def backup_path(path: Path, when: datetime | None = None) -> Path:
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.pre-adoption-{stamp}{path.suffix or '.db'}")


def write_backup(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API (WAL content included).

    Called while adoption holds the write lock: it reads through a second connection, since
    SQLite cannot back up from the connection that has the write transaction open.
    """
    partial = target.with_name(target.name + ".partial")
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=LOCK_TIMEOUT_SECONDS)
    dest = sqlite3.connect(partial)
    try:
        reader.backup(dest)
    finally:
        dest.close()
        reader.close()
    os.replace(partial, target)
    return target


def adopt(path: Path, reference: Reference, *, before_step: Callable[[Step], None] | None = None) -> Result:
    """Adopt the legacy file at `path`; raises AdoptionError with the file unchanged."""
    con = connect(path, write=True)
    try:
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            raise AdoptionError(
                f"{path}: locked by another process's write transaction; stop the legacy Sublarr (or "
                "whatever holds it) and try again"
            ) from None
        try:
            result = _adopt_locked(con, path, reference, before_step)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        return result
    finally:
        con.close()


def _adopt_locked(
    con: sqlite3.Connection, path: Path, reference: Reference, before_step: Callable[[Step], None] | None
) -> Result:
    the_plan = plan(con, reference, path)
    if the_plan.blockers:
        raise AdoptionError(
            f"{path}: cannot adopt ({the_plan.version_label}): " + "; ".join(the_plan.blockers)
        )
    logger.info("%s: found %s; adopting", path, the_plan.version_label)
    # The backup is taken under our write lock, so it is exactly the state the steps start from.
    started = time.monotonic()
    backup = write_backup(path, backup_path(path))
    backup_seconds = time.monotonic() - started
    logger.info("%s: backup written to %s (%.1f s)", path, backup, backup_seconds)
    for step in the_plan.steps:
        if before_step:
            before_step(step)
        try:
            con.execute(step.sql, step.params)
        except sqlite3.DatabaseError as exc:
            raise AdoptionError(f"{path}: {step.description} failed: {exc}") from None
        logger.info("%s: %s", path, step.description)
    remaining = [d for d in diff(reference.tables, describe(con)) if not d.is_addition]
    if remaining:
        raise AdoptionError(f"{path}: schema still differs after adoption: " + "; ".join(map(str, remaining)))
    _record_initial_migrations(con, reference)
    for kept in the_plan.kept:
        logger.warning("%s: kept %s (not part of Sublarr's schema)", path, kept)
    return Result(the_plan, backup, reference.migrations, backup_seconds)


def _record_initial_migrations(con: sqlite3.Connection, reference: Reference) -> None:
    if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
        con.execute(reference.recorder_sql)
    # The format Django's recorder stores on SQLite (UTC, space separator).
    applied = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    con.executemany(
        "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, ?)",
        [(app, name, applied) for app, name in reference.migrations],
    )
