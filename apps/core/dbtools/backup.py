"""Backups of either database as compressed archives with a manifest, and restoring them.

An archive (sublarr-backup-<UTC time>-<dialect>.tar.gz) holds manifest.json and the database:
a SQLite copy made through the online backup API (consistent while Sublarr keeps writing), or a
pg_dump custom-format dump taken in the same snapshot as the manifest's digests. The manifest
records the migrations applied, each table's row count and digest (the shared db_manifest tool's),
the Sublarr version and the payload's SHA-256, so a restore can refuse a damaged archive or one
from a newer schema before touching anything, and prove afterwards that the data came back.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import Database
from apps.core.dbtools.digest import database_manifest
from apps.core.dbtools.tables import sublarr_table_names

logger = logging.getLogger("sublarr.backup")

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
PAYLOADS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
PREFIX = "sublarr-backup-"
# Taken by restore_database before it replaces the database; retention leaves these alone.
SAFETY_PREFIX = "sublarr-before-restore-"


class BackupError(Exception):
    """A backup or restore cannot be done; one line for the user, nothing changed."""


def backup_dir() -> Path:
    return Path(settings.SUBLARR_BACKUP_DIR)


def backup_keep() -> int:
    return settings.SUBLARR_BACKUP_KEEP


def sublarr_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text())["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


# --- creating -------------------------------------------------------------------------------


def create_backup(db: Database | None = None, folder: Path | None = None, prefix: str = PREFIX) -> Path:
    """Write a new archive of `db` (default: Sublarr's database) into `folder`; its path."""
    db = db or dbs.current()
    folder = folder or backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    archive = folder / f"{prefix}{now:%Y%m%dT%H%M%S_%f}Z-{db.vendor}.tar.gz"
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as work:
        payload = Path(work) / PAYLOADS[db.vendor]
        state = _dump_sqlite(db, payload) if db.vendor == "sqlite" else _dump_postgres(db, payload)
        manifest = {
            "format": ARCHIVE_FORMAT,
            "sublarr_version": sublarr_version(),
            "dialect": db.vendor,
            "created_at": now.isoformat(),
            "database": db.label,
            "payload": {"name": payload.name, "bytes": payload.stat().st_size, "sha256": _sha256(payload)},
            **state,
        }
        partial = Path(work) / "archive.partial"
        _write_archive(partial, manifest, payload)
        os.replace(partial, archive)  # never a half-written archive under the real name
    logger.info("backup written to %s", archive)
    return archive


def _dump_sqlite(db: Database, payload: Path) -> dict[str, Any]:
    if not db.path.is_file():
        raise BackupError(f"{db.path}: no such database file")
    source = sqlite3.connect(db.path.as_uri() + "?mode=ro", uri=True, timeout=20)
    target = sqlite3.connect(payload)
    try:
        source.backup(target)  # page by page, restarting if a writer changes a page meanwhile
    finally:
        target.close()
        source.close()
    copy = dbs.connect_readonly(dbs.from_url(f"sqlite:///{payload}"))
    try:
        return _state(copy, "sqlite")
    finally:
        copy.close()


def _dump_postgres(db: Database, payload: Path) -> dict[str, Any]:
    pg_dump = _tool("pg_dump")
    con = dbs.connect_readonly(db)
    try:
        cur = con.cursor()
        cur.execute("SELECT pg_export_snapshot(), current_schema()")
        snapshot, schema = cur.fetchone()
        # Only Sublarr's tables (their sequences come along): a database shared with other
        # software keeps that software's tables out of our archives and out of our restores.
        tables = _sublarr_tables(con)
        if not tables:
            raise BackupError(f"{db.label}: holds no Sublarr tables; nothing to back up")
        # pg_dump reads the snapshot this transaction holds, so the dump and the digests agree.
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={payload}",
                *(f"--table={dbs.quote(schema)}.{dbs.quote(t)}" for t in sorted(tables)),
            ],
            db,
        )
        return _state(con, "postgresql", tables)
    finally:
        con.close()


def _sublarr_tables(con: Any) -> set[str]:
    return sublarr_table_names() & dbs.table_names(con, "postgresql")


def _state(con: Any, vendor: str, tables: set[str] | None = None) -> dict[str, Any]:
    migrations: dict[str, list[str]] = {}
    for app, name in sorted(dbs.applied_migrations(con, vendor)):
        migrations.setdefault(app, []).append(name)
    return {"migrations": migrations, "tables": _manifest(con, vendor, tables)}


def _manifest(con: Any, vendor: str, tables: set[str] | None = None) -> dict[str, Any]:
    """The digests of a whole SQLite file, or of Sublarr's tables in a PostgreSQL schema."""
    if vendor == "postgresql":
        tables = _sublarr_tables(con) if tables is None else tables
        return database_manifest(con, vendor, like={t: set(dbs.table_columns(con, t)) for t in tables})
    return database_manifest(con, vendor)


def _write_archive(path: Path, manifest: dict[str, Any], payload: Path) -> None:
    body = json.dumps(manifest, indent=1, sort_keys=True).encode()
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime = len(body), int(datetime.now(UTC).timestamp())
        tar.addfile(info, fileobj=io.BytesIO(body))
        tar.add(payload, arcname=payload.name)


def prune_backups(folder: Path | None = None, keep: int | None = None) -> list[Path]:
    """Delete all but the newest `keep` archives (only Sublarr's own); the deleted paths."""
    folder = folder or backup_dir()
    keep = backup_keep() if keep is None else keep
    if keep < 1:
        raise BackupError(f"keep must be at least 1, not {keep}")
    archives = sorted(folder.glob(f"{PREFIX}*.tar.gz"), key=lambda p: p.name, reverse=True)
    for old in archives[keep:]:
        old.unlink()
        logger.info("old backup %s deleted (keeping %d)", old, keep)
    return archives[keep:]


def run_scheduled_backup() -> Path:
    """The daily backup: a new archive of Sublarr's database, then the oldest beyond the limit go."""
    archive = create_backup()
    prune_backups()
    return archive


# --- restoring ------------------------------------------------------------------------------


def read_archive(path: Path, work: Path) -> tuple[dict[str, Any], Path]:
    """The manifest and the extracted payload, or BackupError for anything damaged or foreign."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            manifest = json.loads(_member(tar, MANIFEST).read())
            name = manifest["payload"]["name"]
            if name not in PAYLOADS.values():
                raise BackupError(f"{path}: unexpected payload {name!r}")
            payload = work / name
            with _member(tar, name) as src, payload.open("wb") as dst:
                shutil.copyfileobj(src, dst)
    except BackupError:
        raise
    except (OSError, EOFError, tarfile.TarError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(
            f"{path}: not a readable Sublarr backup archive ({exc or type(exc).__name__})"
        ) from None
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"{path}: archive format {manifest.get('format')!r} is not supported here")
    if _sha256(payload) != manifest["payload"]["sha256"]:
        raise BackupError(f"{path}: the database in the archive is damaged (checksum mismatch)")
    return manifest, payload


def _member(tar: tarfile.TarFile, name: str) -> Any:
    handle = tar.extractfile(name)
    if handle is None:
        raise KeyError(name)
    return handle


def check_schema(manifest: dict[str, Any]) -> list[str]:
    """Refuse an archive from a newer schema; the migrations this Sublarr would still apply."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    # An app's migrations under the label it had before a rename are older, not newer; its own
    # migrations bring such a database up to date (apps/tasks/migrations/0002_former_jobs_app.py).
    former = {
        label for config in django_apps.get_app_configs() for label in getattr(config, "former_labels", ())
    }
    recorded = {
        (app, name) for app, names in manifest["migrations"].items() if app not in former for name in names
    }
    if newer := sorted(f"{a}.{n}" for a, n in recorded - known):
        raise BackupError(
            f"the archive comes from a newer Sublarr (its schema has {', '.join(newer[:5])} "
            "unknown here); upgrade Sublarr before restoring it"
        )
    return sorted(f"{a}.{n}" for a, n in known - recorded)


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]  # the archive's
    safety_backup: Path | None  # the database as it was before, unless there was none or told not to


def restore_backup(
    path: Path, db: Database | None = None, *, safety_dir: Path | None = None, safety_backup: bool = True
) -> Restored:
    """Replace `db` with the archive's data, after every check passed and a backup of `db`.

    The backup of the current database (in `safety_dir`, default the backup folder) is taken
    after the archive was checked and before anything is replaced: a restore of the wrong archive
    can itself be undone. Failing to take it stops the restore with nothing changed.
    """
    db = db or dbs.current()
    safety: Path | None = None
    with tempfile.TemporaryDirectory(prefix="sublarr-restore-") as work:
        manifest, payload = read_archive(path, Path(work))
        if manifest["dialect"] != db.vendor:
            raise BackupError(
                f"{path}: a {manifest['dialect']} backup cannot be restored into {db.vendor}; "
                "restore it into a database of its own kind, then use transfer_database"
            )
        check_schema(manifest)
        if db.vendor == "sqlite":
            _check_sqlite_payload(path, payload, manifest)
        else:
            _run([_tool("pg_restore"), "--list", str(payload)], db, quiet=True)  # readable dump?
        if safety_backup and _exists(db):
            try:
                safety = create_backup(db, safety_dir or backup_dir(), prefix=SAFETY_PREFIX)
            except (BackupError, dbs.DatabaseError) as exc:
                raise BackupError(
                    f"could not back up the current database first, nothing was changed ({exc}); "
                    "free some space, or restore with --no-safety-backup if it is beyond saving"
                ) from None
        if db.vendor == "sqlite":
            _restore_sqlite(payload, db)
        else:
            _restore_postgres(payload, db, Path(work))
    live = dbs.connect_readonly(db)
    try:
        if _manifest(live, db.vendor) != manifest["tables"]:
            raise BackupError(f"{db.label}: restored, but the data differs from the archive's manifest")
    finally:
        live.close()
    return Restored(manifest, safety)


def _exists(db: Database) -> bool:
    """Whether there is a database holding anything to back up before it is replaced."""
    if db.vendor == "sqlite":
        return db.path.is_file() and db.path.stat().st_size > 0
    con = dbs.connect_readonly(db)
    try:
        return bool(_sublarr_tables(con))
    finally:
        con.close()


def _check_sqlite_payload(path: Path, payload: Path, manifest: dict[str, Any]) -> None:
    con = dbs.connect_readonly(dbs.from_url(f"sqlite:///{payload}"))
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not ok or database_manifest(con, "sqlite") != manifest["tables"]:
            raise BackupError(f"{path}: the database in the archive does not match its manifest")
    finally:
        con.close()


def _restore_sqlite(payload: Path, db: Database) -> None:
    for conn in connections.all(initialized_only=True):
        if conn.vendor == "sqlite" and Path(conn.settings_dict["NAME"]).resolve() == db.path:
            conn.close()
    # The backup API writes into the live file in one transaction, WAL included: other
    # connections see the old data or the new, never a mix, and a failure leaves it unchanged.
    source = sqlite3.connect(payload.as_uri() + "?mode=ro", uri=True)
    target = sqlite3.connect(db.path, timeout=20)
    try:
        source.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"{db.path}: restore failed, the database is unchanged: {exc}") from None
    finally:
        target.close()
        source.close()


def _restore_postgres(payload: Path, db: Database, work: Path) -> None:
    # Drop and recreate in one psql transaction: any error rolls everything back. Only Sublarr's
    # tables are dropped, in one statement and without CASCADE: another program's table, view or
    # foreign key in the same schema is never touched (one that depends on ours stops the restore).
    script = work / "restore.sql"
    _run([_tool("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", str(payload)], db)
    con = dbs.connect_readonly(db)
    try:
        present = dbs.table_names(con, "postgresql")
    finally:
        con.close()
    names = sorted(present & sublarr_table_names())
    drop = work / "drop.sql"
    drop.write_text(f"DROP TABLE {', '.join(map(dbs.quote, names))};\n" if names else "")
    _run(
        [
            _tool("psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "--single-transaction",
            f"--file={drop}",
            f"--file={script}",
        ],
        db,
    )


# --- helpers --------------------------------------------------------------------------------


def _tool(name: str) -> str:
    if path := shutil.which(name):
        return path
    raise BackupError(
        f"{name} was not found on PATH; PostgreSQL backups need the PostgreSQL client tools "
        "(e.g. apt install postgresql-client) of the server's major version or newer"
    )


def _run(args: list[str], db: Database, *, quiet: bool = False) -> None:
    params = dbs.pg_params(db)
    env = {**os.environ, "PGDATABASE": params["dbname"]}
    for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")):
        if key in params:
            env[var] = str(params[key])
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tool = Path(args[0]).name
        raise BackupError(
            f"{tool} failed: {result.stderr.strip().splitlines()[-1] if result.stderr else 'no output'}"
        )


def _sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()
