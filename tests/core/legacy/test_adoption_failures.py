"""Adoption that cannot finish leaves the file exactly as it was, with one clear error line.

A file that is not SQLite is refused by `manage.py` itself, to show the line and exit status
users get; the other refusals run the same `migrate` in this process (`migrate_refused`).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.legacy.conftest import LEGACY, ROOT, Manage, manage_env, schema_of
from tests.core.legacy.digest import manifest

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

MANIFEST = json.loads((LEGACY / "MANIFEST.json").read_text())

# Runs `migrate` with a pause before the fourth schema step, after announcing it, to be killed there.
KILLABLE_MIGRATE = """
import os, sys, time
sys.path.insert(0, {root!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "sublarr.settings"
import django
django.setup()
from apps.core.legacy import adopt
real_adopt = adopt.adopt
steps = []
def pause(step):
    steps.append(step)
    if len(steps) == 4:
        open({marker!r}, "w").write(step.description)
        time.sleep(600)
adopt.adopt = lambda path, reference, before_step=None: real_adopt(path, reference, before_step=pause)
from django.core.management import call_command
call_command("migrate")
"""


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_killed_adoption_leaves_the_file_as_it_was_and_migrate_then_succeeds(
    legacy_copy, manage: Manage, tmp_path: Path
) -> None:
    db = legacy_copy("v06-a1c4de7.db")
    original_schema = schema_of(db)
    marker = tmp_path / "paused"
    script = KILLABLE_MIGRATE.format(root=str(ROOT), marker=str(marker))
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        env=manage_env(db, tmp_path / "data"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)
    # Three schema steps ran inside the transaction when the process dies.
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (db.parent / "sublarr.db-journal").exists()

    assert manifest(db) == MANIFEST["v06-a1c4de7.db"]
    assert schema_of(db) == original_schema
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'").fetchone() == (
        0,
    )
    con.close()

    result = manage(db, "migrate")
    assert "Adopted the legacy database" in result.stdout
    assert manifest(db, like=LEGACY / "v06-a1c4de7.db") == MANIFEST["v06-a1c4de7.db"]


def test_a_file_that_is_not_sqlite_is_refused(manage: Manage, tmp_path: Path) -> None:
    db = tmp_path / "sublarr.db"
    db.write_text("these are my notes, not a database\n" * 100)
    before = db.read_bytes()

    line = one_error_line(manage(db, "migrate", check=False))

    assert "not a SQLite database" in line and str(db) in line
    assert db.read_bytes() == before


def test_a_corrupt_sqlite_file_is_refused(legacy_copy, migrate_refused) -> None:
    db = legacy_copy("v14-4d45cc2.db")
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    db.write_bytes(bytes(data))

    line = migrate_refused(db)

    assert "cannot read the database" in line
    assert db.read_bytes() == bytes(data)


def test_a_read_only_file_is_refused(legacy_copy, migrate_refused) -> None:
    db = legacy_copy("v10-683e186.db")
    db.chmod(0o444)
    before = db.read_bytes()

    line = migrate_refused(db)

    assert "read-only" in line
    assert db.read_bytes() == before and list(db.parent.iterdir()) == [db]


def test_a_read_only_folder_is_refused(legacy_copy, migrate_refused) -> None:
    db = legacy_copy("v10-683e186.db")
    before = db.read_bytes()
    db.parent.chmod(0o555)
    try:
        line = migrate_refused(db)
    finally:
        db.parent.chmod(0o755)

    assert "folder is read-only" in line
    assert db.read_bytes() == before and list(db.parent.iterdir()) == [db]


def test_a_file_locked_by_another_writer_is_refused(legacy_copy, migrate_refused) -> None:
    db = legacy_copy("v09-feda315.db")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO config_entries VALUES ('held', 'x', 'y')")
    try:
        line = migrate_refused(db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert "locked by another process" in line
    assert manifest(db) == MANIFEST["v09-feda315.db"]
    assert not list(db.parent.glob("*.pre-adoption-*"))


def test_a_database_from_a_newer_sublarr_is_refused(legacy_copy, migrate_refused, migrated_once) -> None:
    db = legacy_copy(migrated_once("v14-4d45cc2.db").db)  # adopted once per session (tests/adopted.py)
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO django_migrations (app, name, applied) VALUES ('core', '0999_future', '2030-01-01')"
    )
    con.commit()
    con.close()
    before = manifest(db)

    line = migrate_refused(db)

    assert "newer Sublarr" in line and "core.0999_future" in line
    assert manifest(db) == before


def test_a_legacy_table_without_its_primary_key_stops_adoption(legacy_copy, migrate_refused) -> None:
    db = legacy_copy("v14-4d45cc2.db")
    con = sqlite3.connect(db)
    # The same table, declared without its PRIMARY KEY (as a hand-repaired file might be).
    ddl = con.execute("SELECT sql FROM sqlite_master WHERE name = 'jobs'").fetchone()[0]
    con.executescript(f"""
        {ddl.replace("jobs (", "jobs_copy (", 1).replace("id TEXT PRIMARY KEY", "id TEXT")};
        INSERT INTO jobs_copy SELECT * FROM jobs;
        DROP TABLE jobs;
        ALTER TABLE jobs_copy RENAME TO jobs;
        CREATE INDEX idx_jobs_status ON jobs(status);
        CREATE INDEX idx_jobs_created ON jobs(created_at);
    """)
    con.close()
    before = manifest(db)
    schema_before = schema_of(db)

    line = migrate_refused(db)

    assert line.endswith(
        "cannot adopt (legacy schema v13 (as written by v13-v14)): "
        "column: jobs.id: expected TEXT PRIMARY KEY, found TEXT"
    )
    assert manifest(db) == before and schema_of(db) == schema_before
    assert not list(db.parent.glob("*.pre-adoption-*"))


def test_a_half_recorded_adoption_is_refused(legacy_copy, migrate_refused) -> None:
    db = legacy_copy("v14-4d45cc2.db")
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE django_migrations (
            id INTEGER PRIMARY KEY AUTOINCREMENT, app TEXT, name TEXT, applied TEXT
        );
        INSERT INTO django_migrations (app, name, applied) VALUES ('core', '0001_initial', '2026-01-01');
    """)
    con.close()
    before = db.read_bytes()

    line = migrate_refused(db)

    assert "migration history is incomplete" in line
    assert db.read_bytes() == before


def test_a_backup_includes_changes_still_in_the_write_ahead_log(
    legacy_copy, manage: Manage, tmp_path: Path
) -> None:
    db = legacy_copy("v14-4d45cc2.db")
    writer = (
        "import os, sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "con.execute('PRAGMA journal_mode=WAL'); con.execute('PRAGMA wal_autocheckpoint=0')\n"
        "con.execute(\"INSERT INTO config_entries VALUES ('only_in_wal', 'yes', 'now')\")\n"
        "os._exit(0)\n"  # no close, no checkpoint: the row lives only in sublarr.db-wal
    )
    subprocess.run([sys.executable, "-c", writer, str(db)], check=True)
    assert (db.parent / "sublarr.db-wal").stat().st_size > 0

    manage(db, "migrate", "-v0")

    (backup,) = db.parent.glob("sublarr.pre-adoption-*.db")
    con = sqlite3.connect(backup)
    assert con.execute("SELECT value FROM config_entries WHERE key = 'only_in_wal'").fetchone() == ("yes",)
    assert os.path.getsize(backup) > 0
