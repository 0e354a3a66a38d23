"""backup_database / restore_database on SQLite and PostgreSQL: equal digests, refusals, retention."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tarfile
from io import StringIO
from pathlib import Path

import psycopg2
import pytest
from django.core.management import CommandError, call_command

from apps.core.dbtools import backup
from apps.core.dbtools import databases as dbs
from apps.core.dbtools.backup import BackupError, create_backup, prune_backups, restore_backup
from apps.core.dbtools.transfer import transfer
from tests.core.dbtools.conftest import manifest_of
from tests.paths import FIXTURES

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

HEAD = "v14-4d45cc2.db"


@pytest.fixture
def sqlite_db(adopted_legacy, tmp_path: Path) -> dbs.Database:
    copy = tmp_path / "sublarr.db"
    copy.write_bytes(adopted_legacy(HEAD).read_bytes())
    return dbs.from_url(f"sqlite:///{copy}")


@pytest.fixture
def postgres_db(sqlite_db, pg_database) -> dbs.Database:
    db = pg_database()
    transfer(sqlite_db, db, progress=False)
    return db


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> dbs.Database:
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "postgres_db")


def change(db: dbs.Database) -> None:
    """What happens after a backup: rows deleted, rows added."""
    sql = [
        "DELETE FROM wanted_items WHERE id % 2 = 0",
        "INSERT INTO config_entries (key, value, updated_at) VALUES ('new', 'x', '2026-01-01')",
    ]
    if db.vendor == "sqlite":
        con = sqlite3.connect(db.path)
        with con:
            for s in sql:
                con.execute(s)
        con.close()
        return
    con = psycopg2.connect(**dbs.pg_params(db))
    with con, con.cursor() as cur:
        for s in sql:
            cur.execute(s)
    con.close()


def test_a_backup_restores_to_equal_digests(database: dbs.Database, tmp_path: Path) -> None:
    before = manifest_of(database)

    archive = create_backup(database, tmp_path / "backups")
    change(database)
    assert manifest_of(database) != before
    manifest = restore_backup(archive, database, safety_dir=tmp_path / "safety").manifest

    assert manifest_of(database) == before == manifest["tables"]
    assert manifest["dialect"] == database.vendor
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["sublarr_version"] and archive.name.endswith(f"-{database.vendor}.tar.gz")


def damaged(archive: Path, how: str) -> Path:
    data = archive.read_bytes()
    out = archive.with_name(f"{how}.tar.gz")
    if how == "truncated":
        out.write_bytes(data[: len(data) // 2])
    elif how == "flipped":
        middle = len(data) // 2
        out.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    else:
        out.write_bytes(b"not an archive at all")
    return out


@pytest.mark.parametrize("how", ["truncated", "flipped", "garbage"])
def test_a_corrupt_archive_is_refused_with_nothing_changed(
    database: dbs.Database, tmp_path: Path, how: str
) -> None:
    archive = create_backup(database, tmp_path / "backups")
    change(database)
    after_change = manifest_of(database)

    with pytest.raises(BackupError):
        restore_backup(damaged(archive, how), database, safety_dir=tmp_path / "safety")
    assert manifest_of(database) == after_change
    assert not (tmp_path / "safety").exists()  # refused before the safety backup


def rewritten(archive: Path, edit) -> Path:
    """The archive with its manifest changed by `edit`, payload kept."""
    out = archive.with_name("edited.tar.gz")
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]  # its members are files
            if member.name == "manifest.json":
                manifest = json.loads(data)
                edit(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return out


def test_an_archive_from_a_newer_schema_is_refused(sqlite_db: dbs.Database, tmp_path: Path) -> None:
    archive = create_backup(sqlite_db, tmp_path / "backups")
    newer = rewritten(archive, lambda m: m["migrations"]["core"].append("9999_from_the_future"))
    change(sqlite_db)
    after_change = manifest_of(sqlite_db)

    with pytest.raises(BackupError, match="newer Sublarr.*core.9999_from_the_future"):
        restore_backup(newer, sqlite_db)
    assert manifest_of(sqlite_db) == after_change


def test_an_archive_from_before_the_task_app_rename_is_older_not_newer(tmp_path: Path) -> None:
    # A database the previous release wrote: its task app's migrations are recorded as "jobs".
    previous = tmp_path / "previous.db"
    shutil.copyfile(FIXTURES / "previous_release" / "v14-adopted-46d7adb.sqlite3", previous)
    archive = create_backup(dbs.from_url(f"sqlite:///{previous}"), tmp_path / "backups")
    (tmp_path / "work").mkdir()
    manifest, _ = backup.read_archive(archive, tmp_path / "work")

    assert manifest["migrations"]["jobs"] == ["0001_initial"] and "tasks" not in manifest["migrations"]
    # Not refused: restore_database migrates it afterwards, like any older archive.
    assert backup.check_schema(manifest) == ["tasks.0001_initial", "tasks.0002_former_jobs_app"]


def test_an_archive_of_the_other_dialect_is_refused(
    postgres_db: dbs.Database, sqlite_db, tmp_path: Path
) -> None:
    archive = create_backup(sqlite_db, tmp_path / "backups")

    with pytest.raises(BackupError, match="cannot be restored into postgresql"):
        restore_backup(archive, postgres_db)


def test_retention_keeps_the_newest_archives_and_nothing_else(
    sqlite_db: dbs.Database, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    made = [create_backup(sqlite_db, folder) for _ in range(4)]
    (folder / "my-notes.txt").write_text("mine")

    deleted = prune_backups(folder, keep=2)

    assert sorted(deleted) == made[:2]
    assert sorted(folder.iterdir()) == sorted([*made[2:], folder / "my-notes.txt"])


def test_postgresql_backups_need_pg_dump(postgres_db: dbs.Database, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)

    with pytest.raises(BackupError, match="pg_dump was not found on PATH"):
        create_backup(postgres_db, tmp_path / "backups")


def test_the_scheduled_backup_and_the_commands_use_the_settings(
    sqlite_db: dbs.Database, tmp_path: Path, settings
) -> None:
    settings.DATABASES = {"default": dict(sqlite_db.config)}
    settings.SUBLARR_BACKUP_DIR = folder = tmp_path / "scheduled"
    settings.SUBLARR_BACKUP_KEEP = 2
    before = manifest_of(sqlite_db)

    archives = [backup.run_scheduled_backup() for _ in range(3)]
    out = StringIO()
    call_command("backup_database", stdout=out)

    assert len(list(folder.iterdir())) == 2 and archives[2].exists() and not archives[0].exists()
    assert "Backup written" in out.getvalue() and "deleted old backup" in out.getvalue()
    change(sqlite_db)
    after_change = manifest_of(sqlite_db)
    call_command("restore_database", str(archives[2]), stdout=out)
    assert manifest_of(sqlite_db) == before
    (safety,) = folder.glob("sublarr-before-restore-*-sqlite.tar.gz")
    assert f"The database as it was before is backed up in {safety}" in out.getvalue()
    assert manifest_of(dbs.from_url(f"sqlite:///{read_payload(safety, tmp_path)}")) == after_change
    with pytest.raises(CommandError, match="not a readable Sublarr backup archive"):
        call_command("restore_database", str(damaged(archives[2], "garbage")))


def read_payload(archive: Path, work: Path) -> Path:
    work = work / f"payload-{archive.name}"
    work.mkdir()
    return backup.read_archive(archive, work)[1]


def test_a_restore_first_backs_up_the_database_it_replaces(database: dbs.Database, tmp_path: Path) -> None:
    before = manifest_of(database)
    archive = create_backup(database, tmp_path / "backups")
    change(database)
    after_change = manifest_of(database)

    restored = restore_backup(archive, database, safety_dir=tmp_path / "backups")

    assert manifest_of(database) == before
    safety = restored.safety_backup
    assert safety is not None and safety.name.startswith("sublarr-before-restore-")
    assert prune_backups(tmp_path / "backups", keep=1) == [] and safety.exists()  # not in retention
    restore_backup(safety, database, safety_backup=False)
    assert manifest_of(database) == after_change


def test_a_restore_into_a_missing_sqlite_file_needs_no_safety_backup(sqlite_db, tmp_path: Path) -> None:
    archive = create_backup(sqlite_db, tmp_path / "backups")
    fresh = dbs.from_url(f"sqlite:///{tmp_path / 'new' / 'sublarr.db'}")
    fresh.path.parent.mkdir()

    restored = restore_backup(archive, fresh, safety_dir=tmp_path / "safety")

    assert restored.safety_backup is None and manifest_of(fresh) == manifest_of(sqlite_db)


def run_sql(db: dbs.Database, *statements: str) -> list[tuple[object, ...]]:
    con = psycopg2.connect(**dbs.pg_params(db))
    try:
        with con, con.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
            return cur.fetchall() if cur.description else []
    finally:
        con.close()


def test_a_postgresql_restore_touches_only_sublarrs_tables(postgres_db: dbs.Database, tmp_path: Path) -> None:
    run_sql(
        postgres_db,
        "CREATE TABLE other_app_notes (id serial PRIMARY KEY, note text)",
        "INSERT INTO other_app_notes (note) VALUES ('before the backup')",
        "CREATE VIEW other_app_report AS SELECT count(*) AS n FROM other_app_notes",
    )
    sublarr_before = {k: v for k, v in manifest_of(postgres_db).items() if k != "other_app_notes"}
    archive = create_backup(postgres_db, tmp_path / "backups")
    run_sql(postgres_db, "INSERT INTO other_app_notes (note) VALUES ('after the backup')")
    change(postgres_db)

    manifest = restore_backup(archive, postgres_db, safety_dir=tmp_path / "safety").manifest

    assert "other_app_notes" not in manifest["tables"]  # never in Sublarr's archives either
    assert run_sql(postgres_db, "SELECT note FROM other_app_notes ORDER BY id") == [
        ("before the backup",),
        ("after the backup",),
    ]
    assert run_sql(postgres_db, "SELECT n FROM other_app_report") == [(2,)]
    after = manifest_of(postgres_db)
    assert {k: v for k, v in after.items() if k != "other_app_notes"} == sublarr_before
