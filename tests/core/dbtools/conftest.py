"""Databases for the dbtools tests: legacy fixtures adopted by `migrate` (once per session, see
tests/adopted.py), and throw-away PostgreSQL databases named h9_* (or $SUBLARR_TEST_PG_PREFIX*) that
each test creates and drops itself.

These tests manage their own SQLite files and PostgreSQL databases instead of the test database,
so they run once, in the SQLite pass of CI (sqlite_only), and in parallel without collisions.
They still carry django_db(databases="__all__"), which also admits the tools' extra aliases:
django_rq's migration 0003 reads content types from the *default*
database whichever database is being migrated, so the test database must be set up.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg2
import pytest
from pytest_django import DjangoDbBlocker

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import Database
from tests.adopted import NEW, Migrated
from tests.paths import LEGACY, ROOT

LEGACY_FILES = sorted(p.name for p in LEGACY.glob("*.db"))
HEAD = "v14-4d45cc2.db"  # the legacy head fixture
PG_SERVER = os.environ.get("SUBLARR_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_PREFIX = os.environ.get("SUBLARR_TEST_PG_PREFIX", "h9_")  # of the databases the tests make


@pytest.fixture(autouse=True)
def _database_access(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    # The tools open their own connections (extra aliases), never the test database.
    with django_db_blocker.unblock():
        yield


def manage(
    *args: str, db: Path | None = None, url: str | None = None, data_dir: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """`manage.py` in a subprocess, on the SQLite file `db` or the database at `url`."""
    env = {k: v for k, v in os.environ.items() if k not in {"SUBLARR_DATABASE_URL", "SUBLARR_DB_PATH"}}
    env["SUBLARR_DATA_DIR"] = str(data_dir)
    if db is not None:
        env["SUBLARR_DB_PATH"] = str(db)
    if url is not None:
        env["SUBLARR_DATABASE_URL"] = url
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def adopted_legacy(migrated_once: Callable[[str], Migrated]) -> Callable[[str], Path]:
    """name -> the legacy file adopted by `migrate` (shared by the session: copy to change)."""
    return lambda name: migrated_once(name).db


@pytest.fixture
def source(adopted_legacy: Callable[[str], Path], tmp_path: Path) -> Database:
    """A private copy of the adopted legacy head, free to change before transferring."""
    copy = tmp_path / "source.db"
    copy.write_bytes(adopted_legacy(HEAD).read_bytes())
    return dbs.from_url(f"sqlite:///{copy}")


def execute(db: Database, *statements: str) -> None:
    """SQL on a SQLite file through plain sqlite3 (foreign keys off, as legacy Sublarr ran)."""
    con = sqlite3.connect(db.path)
    try:
        with con:
            for sql in statements:
                con.execute(sql)
    finally:
        con.close()


def _admin() -> psycopg2.extensions.connection:
    con = psycopg2.connect(f"{PG_SERVER}/postgres")
    con.autocommit = True
    return con


def _drop(name: str) -> None:
    con = _admin()
    try:
        con.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        con.close()


@pytest.fixture(scope="session")
def pg_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty, migrated PostgreSQL database to clone targets from (migrate once, not per test)."""
    name = f"{PG_PREFIX}tpl_{uuid.uuid4().hex[:10]}"
    con = _admin()
    con.cursor().execute(f'CREATE DATABASE "{name}"')
    con.close()
    manage(
        "migrate",
        "--skip-checks",
        "-v0",
        url=f"{PG_SERVER}/{name}",
        data_dir=tmp_path_factory.mktemp("pg-template"),
    )
    yield name
    _drop(name)


@pytest.fixture
def pg_database(pg_template: str) -> Iterator[Callable[..., Database]]:
    """Makes PG_PREFIX* databases, empty or cloned from the migrated template; drops them afterwards."""
    made: list[str] = []

    def make(*, migrated: bool = True) -> Database:
        name = f"{PG_PREFIX}{uuid.uuid4().hex[:12]}"
        con = _admin()
        try:
            template = f' TEMPLATE "{pg_template}"' if migrated else ""
            con.cursor().execute(f'CREATE DATABASE "{name}"{template}')
        finally:
            con.close()
        made.append(name)
        return dbs.from_url(f"{PG_SERVER}/{name}")

    yield make
    for name in made:
        _drop(name)


@pytest.fixture(scope="session")
def sqlite_template(migrated_once: Callable[[str], Migrated]) -> Path:
    """A database created by `migrate` from nothing (shared by the session: copy to change)."""
    return migrated_once(NEW).db


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Callable[..., Database]:
    """Makes SQLite files in tmp_path, missing or copied from the migrated template."""

    def make(name: str = "target.db", *, migrated: bool = True) -> Database:
        if migrated:
            shutil.copyfile(sqlite_template, tmp_path / name)
        return dbs.from_url(f"sqlite:///{tmp_path / name}")

    return make


def manifest_of(db: Database, like: Path | None = None) -> dict[str, dict[str, object]]:
    """The shared tool's fingerprint of a database, optionally --like a (legacy) SQLite file."""
    from apps.core.dbtools.digest import columns_like, database_manifest

    con = dbs.connect_readonly(db)
    try:
        if like is None:
            return database_manifest(con, db.vendor)
        other = dbs.connect_readonly(dbs.from_url(f"sqlite:///{like}"))
        try:
            return database_manifest(con, db.vendor, like=columns_like(other, "sqlite"))
        finally:
            other.close()
    finally:
        con.close()
