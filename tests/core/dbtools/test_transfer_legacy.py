"""Every legacy fixture, adopted, goes to PostgreSQL and back to a new SQLite file unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg2
import pytest

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import Database
from apps.core.dbtools.transfer import transfer
from tests.core.dbtools.conftest import LEGACY, LEGACY_FILES, manifest_of

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

MANIFEST = json.loads((LEGACY / "MANIFEST.json").read_text())
NEW_HOOK_LOG = "INSERT INTO hook_log (event_name, hook_type, success) VALUES ('test', 'script', 1)"


def highest_hook_log_id(db: Path) -> int:
    """The highest id SQLite ever gave a hook_log row (AUTOINCREMENT remembers deleted ones)."""
    con = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)
    try:
        seq = con.execute("SELECT seq FROM sqlite_sequence WHERE name = 'hook_log'").fetchone()
        high = con.execute("SELECT max(id) FROM hook_log").fetchone()[0]
        return max(seq[0] if seq else 0, high or 0)
    finally:
        con.close()


def insert_into(db: Database, sql: str) -> int:
    if db.vendor == "sqlite":
        con = sqlite3.connect(db.path)
        try:
            with con:
                rowid = con.execute(sql).lastrowid
                assert rowid is not None, sql  # an INSERT gives one
                return rowid
        finally:
            con.close()
    con = psycopg2.connect(**dbs.pg_params(db))
    try:
        with con, con.cursor() as cur:
            cur.execute(sql + " RETURNING id")
            return int(cur.fetchone()[0])
    finally:
        con.close()


@pytest.mark.parametrize("name", LEGACY_FILES)
def test_a_legacy_file_goes_to_postgresql_and_back_unchanged(
    name: str, adopted_legacy, pg_database, sqlite_database
) -> None:
    source = dbs.from_url(f"sqlite:///{adopted_legacy(name)}")
    adopted = manifest_of(source)
    assert manifest_of(source, like=LEGACY / name) == MANIFEST[name]
    before = source.path.read_bytes()
    postgres, back = pg_database(), sqlite_database("back.db")

    there = transfer(source, postgres, progress=False)
    again = transfer(postgres, back, progress=False)

    assert there.ok and again.ok, [c for c in there.differences + again.differences]
    assert manifest_of(postgres) == adopted == manifest_of(back)
    assert manifest_of(postgres, like=LEGACY / name) == MANIFEST[name]
    assert source.path.read_bytes() == before
    fresh = highest_hook_log_id(source.path) + 1
    assert insert_into(postgres, NEW_HOOK_LOG) == fresh
    assert insert_into(back, NEW_HOOK_LOG) == fresh
