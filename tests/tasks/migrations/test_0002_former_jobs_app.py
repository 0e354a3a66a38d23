"""The rename of the task app ("jobs" until then) on databases the previous release left behind.

The fixtures were written by Sublarr at 46d7adb, the last commit with the old label: the legacy v14
file adopted by its `migrate`, and a PostgreSQL database migrated by it (pg_dump). Both hold a
scheduled run, a worker heartbeat, a queued maintenance task under its old module path, and a
group granted a permission on the old content type (tests/fixtures/previous_release/README.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import psycopg2
import pytest
from django.core.management import call_command

from apps.core.dbtools import databases as dbs
from tests.adopted import NEW
from tests.core.legacy.conftest import manage_env, schema_of
from tests.core.legacy.digest import manifest
from tests.paths import FIXTURES, ROOT

PREVIOUS = FIXTURES / "previous_release"
SQLITE_FILE = PREVIOUS / "v14-adopted-46d7adb.sqlite3"
PG_DUMP = PREVIOUS / "fresh-46d7adb.postgresql.sql"
PG_SERVER = os.environ.get("SUBLARR_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")

# What each check reads, in SQL both databases answer alike.
MIGRATIONS = "SELECT app, name FROM django_migrations WHERE app IN ('jobs', 'tasks') ORDER BY app, name"
SCHEDULED = "SELECT name, next_run_at, last_run_at FROM {table}"
HEARTBEATS = "SELECT worker_id, hostname, pid FROM {table}"
CONTENT_TYPES = "SELECT id, app_label FROM django_content_type WHERE model = 'scheduledrun'"
GRANTED = (
    "SELECT g.name, p.codename, c.app_label FROM auth_group g "
    "JOIN auth_group_permissions gp ON gp.group_id = g.id "
    "JOIN auth_permission p ON p.id = gp.permission_id "
    "JOIN django_content_type c ON c.id = p.content_type_id"
)
QUEUED = "SELECT task_path, status FROM django_tasks_database_dbtaskresult"


def read(cursor: Any, sql: str) -> list[tuple[Any, ...]]:
    cursor.execute(sql)
    return [tuple(row) for row in cursor.fetchall()]


def rows_of_the_app(cursor: Any, label: str) -> dict[str, Any]:
    """The rows the rename concerns, with the app's tables named under `label`."""
    return {
        "scheduled": read(cursor, SCHEDULED.format(table=f"{label}_scheduledrun")),
        "heartbeats": read(cursor, HEARTBEATS.format(table=f"{label}_workerheartbeat")),
        "content_types": read(cursor, CONTENT_TYPES),
        "granted": read(cursor, GRANTED),
        "queued": read(cursor, QUEUED),
        "migrations": read(cursor, MIGRATIONS),
    }


def before_and_after(cursor: Any, migrate: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The rows the rename concerns, read under the old names, then under the new ones."""
    before = rows_of_the_app(cursor, "jobs")
    migrate()
    return before, rows_of_the_app(cursor, "tasks")


def sqlite_before_and_after(db: Path, migrate: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """`before_and_after` on the SQLite file `db`."""
    con = sqlite3.connect(db)
    try:
        return before_and_after(con.cursor(), migrate)
    finally:
        con.close()


def manage_py_migrate(env: dict[str, str]) -> None:
    """`manage.py migrate` as a user runs it after upgrading; it must apply the rename."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Applying tasks.0002_former_jobs_app... OK" in run.stdout


def assert_renamed(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert before["migrations"] == [("jobs", "0001_initial")]
    assert after["migrations"] == [("tasks", "0001_initial"), ("tasks", "0002_former_jobs_app")]
    # Every row of the old tables, unchanged, under the new names.
    assert before["scheduled"] and after["scheduled"] == before["scheduled"]
    assert before["heartbeats"] and after["heartbeats"] == before["heartbeats"]
    # The content type keeps its id, so what was granted on it is still granted.
    ((type_id, label),) = before["content_types"]
    assert label == "jobs" and after["content_types"] == [(type_id, "tasks")]
    assert before["granted"] == [("schedule keepers", "change_scheduledrun", "jobs")]
    assert after["granted"] == [("schedule keepers", "change_scheduledrun", "tasks")]
    # The queued task still names a function that exists.
    assert before["queued"] == [("apps.jobs.tasks.run_maintenance", "READY")]
    assert after["queued"] == [("apps.tasks.tasks.run_maintenance", "READY")]


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_an_adopted_legacy_file_from_the_previous_release_migrates_in_place(
    migrated_once, tmp_path: Path
) -> None:
    db = tmp_path / "sublarr.db"
    shutil.copyfile(SQLITE_FILE, db)
    untouched = {t: d for t, d in manifest(db).items() if not t.startswith(("jobs_", "django_", "auth_"))}

    def migrate() -> None:
        manage_py_migrate(manage_env(db, tmp_path / "data"))

    before, after = sqlite_before_and_after(db, migrate)

    assert_renamed(before, after)
    # Not one value of the legacy tables changed, and the schema is a new database's exactly.
    assert {t: d for t, d in manifest(db).items() if t in untouched} == untouched
    assert schema_of(db) == schema_of(migrated_once(NEW).db)  # created once per session


@pytest.mark.sqlite_only
def test_it_migrates_a_database_that_is_not_the_default_one(tmp_path: Path, django_db_blocker: Any) -> None:
    # migrate --database=<alias>, in this process: every query of the migration goes to that
    # database, none to the default (test) one.
    db = tmp_path / "sublarr.db"
    shutil.copyfile(SQLITE_FILE, db)

    def migrate() -> None:
        out = StringIO()
        with django_db_blocker.unblock(), dbs.django_alias(dbs.from_url(f"sqlite:///{db}")) as alias:
            call_command("migrate", database=alias, interactive=False, stdout=out)
        assert "Applying tasks.0002_former_jobs_app... OK" in out.getvalue()

    before, after = sqlite_before_and_after(db, migrate)
    assert_renamed(before, after)


@pytest.fixture
def previous_postgres() -> Iterator[str]:
    """A scratch PostgreSQL database loaded from the previous release's dump; its URL."""
    name = f"sublarr_prev_{os.getpid()}"
    admin = psycopg2.connect(f"{PG_SERVER}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG_SERVER}/{name}"
    loader = psycopg2.connect(url)
    try:
        with loader, loader.cursor() as cursor:
            cursor.execute(PG_DUMP.read_text())
    finally:
        loader.close()
    try:
        yield url
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.postgres_only
@pytest.mark.slow
def test_a_postgresql_database_from_the_previous_release_migrates_in_place(
    previous_postgres: str, tmp_path: Path
) -> None:
    def migrate() -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
        manage_py_migrate(
            {**env, "SUBLARR_DATA_DIR": str(tmp_path / "data"), "SUBLARR_DATABASE_URL": previous_postgres}
        )

    con = psycopg2.connect(previous_postgres)
    con.autocommit = True
    try:
        cursor = con.cursor()
        before, after = before_and_after(cursor, migrate)
        tables = {
            row[0] for row in read(cursor, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
    finally:
        con.close()

    assert_renamed(before, after)
    assert not {t for t in tables if t.startswith("jobs_")}
