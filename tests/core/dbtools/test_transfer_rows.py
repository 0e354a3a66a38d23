"""Rows the target cannot take as they are: orphans of legacy SQLite, NUL characters; a killed run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from typing import Any

import psycopg2
import pytest
from django.core.management import CommandError, call_command

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.transfer import LOOSENED, MARKER, transfer
from tests.core.dbtools.conftest import ROOT, execute, manifest_of

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

ORPHANS = (
    # Profile 77 was deleted by legacy Sublarr, whose SQLite never ran the ON DELETE CASCADE.
    "INSERT INTO series_language_profiles (sonarr_series_id, profile_id) VALUES (900, 77)",
    "INSERT INTO movie_language_profiles (radarr_movie_id, profile_id) VALUES (901, 77)",
)


def pg_url(db: dbs.Database) -> str:
    c = db.config
    return f"postgres://{c['USER']}@{c['HOST']}:{c['PORT']}/{c['NAME']}"


def pg_rows(db: dbs.Database, sql: str) -> list[tuple[Any, ...]]:
    con = psycopg2.connect(**dbs.pg_params(db))
    try:
        with con, con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        con.close()


def fk_validated(db: dbs.Database, table: str) -> list[bool]:
    return [
        r[0]
        for r in pg_rows(
            db,
            f"SELECT convalidated FROM pg_constraint WHERE contype = 'f' AND conrelid = '{table}'::regclass",
        )
    ]


def test_rows_whose_language_profile_is_gone_are_kept_both_ways(source, pg_database, sqlite_database) -> None:
    execute(source, *ORPHANS)
    postgres, back = pg_database(), sqlite_database("back.db")

    assert transfer(source, postgres, progress=False).ok
    assert transfer(postgres, back, progress=False).ok

    assert manifest_of(postgres) == manifest_of(source) == manifest_of(back)
    assert pg_rows(
        postgres, "SELECT profile_id FROM series_language_profiles WHERE sonarr_series_id = 900"
    ) == [(77,)]
    # The constraint is back, checking new rows only, as SQLite does for the adopted file.
    assert fk_validated(postgres, "series_language_profiles") == [False]
    assert fk_validated(postgres, "movie_language_profiles") == [False]
    assert fk_validated(postgres, "wanted_items") == []  # untouched tables keep theirs as migrated
    with pytest.raises(psycopg2.errors.ForeignKeyViolation):
        pg_rows(postgres, "INSERT INTO series_language_profiles VALUES (902, 78) RETURNING 1")
    assert LOOSENED not in dbs.table_names(dbs.connect_readonly(postgres), "postgresql")


def test_a_transfer_interrupted_while_a_constraint_is_set_aside_resumes_or_starts_over(
    source, pg_database
) -> None:
    execute(source, *ORPHANS, "INSERT INTO series_language_profiles VALUES (903, 77)")
    target = pg_database()

    def stop(table: str, done: int) -> None:
        if table == "series_language_profiles":
            raise KeyboardInterrupt

    for replace in (False, True):
        with pytest.raises(KeyboardInterrupt):
            transfer(source, target, batch=1, progress=False, after_batch=stop, replace=replace)
        assert fk_validated(target, "series_language_profiles") == []  # set aside, and recorded
        report = transfer(source, target, batch=1, progress=False, replace=replace)
        assert report.ok and report.resumed is not replace
        assert fk_validated(target, "series_language_profiles") == [False]


def test_text_with_a_nul_character_stops_postgresql_before_anything_is_written(source, pg_database) -> None:
    execute(
        source,
        "UPDATE wanted_items SET title = 'Bad' || char(0) || 'Title'"
        " WHERE id = (SELECT max(id) FROM wanted_items)",
    )
    wanted_id = int(sqlite3.connect(source.path).execute("SELECT max(id) FROM wanted_items").fetchone()[0])
    target = pg_database()

    with pytest.raises(CommandError) as error:
        call_command(
            "transfer_database",
            "--from",
            source.label,
            "--to",
            pg_url(target),
            "--no-progress",
            stdout=StringIO(),
        )

    message = str(error.value)
    assert f"wanted_items row id={wanted_id}: title holds a NUL character" in message
    assert "\n" not in message and "nothing was written" in message
    assert MARKER not in dbs.table_names(dbs.connect_readonly(target), "postgresql")
    assert pg_rows(target, "SELECT count(*) FROM wanted_items") == [(0,)]
    # Once the value is corrected in the source, the same transfer goes through.
    con = sqlite3.connect(source.path)
    with con:
        con.execute("UPDATE wanted_items SET title = ? WHERE id = ?", ["Bad Title", wanted_id])
    con.close()
    assert transfer(source, target, progress=False).ok


def test_a_killed_transfer_database_command_reruns_to_a_verified_copy(
    source, pg_database, tmp_path: Path
) -> None:
    execute(
        source,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
        "INSERT INTO hook_log (event_name, hook_type, success, stdout)"
        " SELECT 'e' || i, 'script', 1, 'out' FROM n",
    )
    total = manifest_of(source)["hook_log"]["rows"]
    target = pg_database()
    env = {k: v for k, v in os.environ.items() if k not in {"SUBLARR_DATABASE_URL", "SUBLARR_DB_PATH"}}
    env["SUBLARR_DATA_DIR"] = str(tmp_path / "data")
    command = [
        sys.executable, str(ROOT / "manage.py"), "transfer_database", "--skip-checks", "--no-progress",
        "--from", source.label, "--to", pg_url(target), "--batch-size", "1",
    ]  # fmt: skip

    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 240
    copied = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if "hook_log" in dbs.table_names(dbs.connect_readonly(target), "postgresql"):
            copied = pg_rows(target, "SELECT count(*) FROM hook_log")[0][0]
            if copied >= 20:
                break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = pg_rows(target, "SELECT count(*) FROM hook_log")[0][0]
    assert 20 <= done < total, f"not killed mid-table: {done} of {total} rows"

    rerun = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "Resumed an interrupted transfer." in rerun.stdout
    assert f"hook_log: {total} rows ok" in rerun.stdout and "Transferred and verified" in rerun.stdout
    assert manifest_of(target) == manifest_of(source)
