"""Load a legacy SQLite fixture's rows into the test database (SQLite or PostgreSQL).

The legacy file is opened read-only; every table it shares with the models is emptied and
refilled with the columns both sides have, parents before children, and the id sequences are set
to where the legacy file's sqlite_sequence left them, so a new row gets the id the legacy app
gave it. Legacy columns hold only text, integers and reals, which both dialects store as they are.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from django.db import connection
from django.db.backends.utils import CursorWrapper

from apps.core.dbtools.databases import quote, table_names
from apps.core.dbtools.tables import Table, transfer_tables

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "legacy"
GOLDEN = ROOT / "tests" / "fixtures" / "legacy_api"


def database_for(fixture: str) -> Path:
    """The file the legacy app answered from: the fixture, or its copy after legacy start-up."""
    startup = GOLDEN / "_startup.json"
    record = json.loads(startup.read_text()).get(fixture, {}) if startup.exists() else {}
    return GOLDEN / record["database"] if record.get("database") else FIXTURES / fixture


def load_fixture(fixture: str) -> None:
    """Replace the rows of every legacy table in the default database with the fixture's."""
    source = sqlite3.connect(f"file:{database_for(fixture)}?mode=ro", uri=True)
    try:
        present = table_names(source, "sqlite")
        tables = [t for t in transfer_tables() if t.name in present]
        with connection.cursor() as cur:
            for table in reversed(tables):
                cur.execute(f"DELETE FROM {quote(table.name)}")
            for table in tables:
                _copy(source, cur, table)
            _set_sequences(source, cur, tables)
    finally:
        source.close()


def _copy(source: sqlite3.Connection, cur: CursorWrapper, table: Table) -> None:
    legacy = [row[1] for row in source.execute(f"PRAGMA table_info({quote(table.name)})")]
    columns = [c for c in legacy if c in table.columns]
    names = ", ".join(quote(c) for c in columns)
    rows = source.execute(f"SELECT {names} FROM {quote(table.name)}").fetchall()
    if rows:
        marks = ", ".join(["%s"] * len(columns))
        cur.executemany(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)


def _set_sequences(source: sqlite3.Connection, cur: CursorWrapper, tables: list[Table]) -> None:
    """Next ids continue where the legacy file's would: past deleted rows' ids too (AUTOINCREMENT)."""
    handed_out = dict(source.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
    for table in (t for t in tables if t.auto_key):
        cur.execute(f"SELECT max({quote(table.pk)}) FROM {quote(table.name)}")
        high = max(int(cur.fetchone()[0] or 0), int(handed_out.get(table.name) or 0))
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)",
                [quote(table.name), table.pk, max(high, 1), high > 0],
            )
        else:
            # Exactly the legacy value, not max(): an earlier test's rows may have raised it.
            cur.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table.name])
            cur.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table.name, high])
