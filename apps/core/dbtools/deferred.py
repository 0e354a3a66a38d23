"""A PostgreSQL target's secondary indexes and foreign keys, set aside while rows are copied.

Maintaining ten indexes row by row costs more than building them once from the finished table
(wanted_items has ten), and a foreign key checked row by row would also force parents to be
copied before children, one table at a time. So, before the first row, every index that backs no
constraint and every foreign key is dropped and recorded in a table on the target; afterwards
they are built again from the record, each index in a transaction that also deletes its record,
so a transfer interrupted at any point (even by SIGKILL) finds in the record exactly what is
still missing. Primary keys and unique constraints stay: resuming finds its place by the key.

Rows whose parent is missing: legacy Sublarr never turned SQLite's foreign keys on, so deleting a
language profile left the series_language_profiles / movie_language_profiles rows that named it
(ON DELETE CASCADE never ran). They are the user's rows, and an adopted file keeps them: SQLite
checks new rows only. The copy keeps them too: each foreign key comes back NOT VALID, then is
validated; where old rows break it, it stays NOT VALID, which is the same promise (new and
changed rows are checked, old rows are kept).
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psycopg2

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import Database, quote

DEFERRED = "sublarr_transfer_loosened"
INDEX, FOREIGN_KEY = "index", "foreign key"
JOBS = 2  # indexes built at once


def keep_record(cur: Any) -> None:
    """The record table, created, or kept as an unfinished transfer left it (still valid: what
    it names is still missing, and `set_aside` adds what is not)."""
    cur.execute(f"CREATE TABLE IF NOT EXISTS {DEFERRED} (table_name TEXT, name TEXT, definition TEXT)")
    # A record left by a transfer before indexes were set aside has foreign keys only.
    cur.execute(f"ALTER TABLE {DEFERRED} ADD COLUMN IF NOT EXISTS kind TEXT NOT NULL DEFAULT '{FOREIGN_KEY}'")


def set_aside(cur: Any, tables: Iterable[str]) -> None:
    """Drop (and record) the foreign keys, then the plain indexes, of these tables."""
    names = [quote(t) for t in tables]
    cur.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        [names],
    )
    for table, name, definition in cur.fetchall():
        definition = definition.removesuffix(" NOT VALID")  # left so by an earlier transfer
        cur.execute(
            f"INSERT INTO {DEFERRED} VALUES (%s, %s, %s, %s)",
            [_unquote(table), name, definition, FOREIGN_KEY],
        )
        cur.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    cur.execute(
        "SELECT i.indrelid::regclass::text, c.relname, pg_get_indexdef(i.indexrelid) "
        "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS ("
        "SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid) "
        "ORDER BY 1, 2",
        [names],
    )
    for table, name, definition in cur.fetchall():
        cur.execute(
            f"INSERT INTO {DEFERRED} VALUES (%s, %s, %s, %s)", [_unquote(table), name, definition, INDEX]
        )
        cur.execute(f"DROP INDEX {quote(name)}")


def _unquote(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name


def restore(target: Database, jobs: int = JOBS) -> None:
    """Build the recorded indexes (several at once), then put the foreign keys back."""
    con = dbs.connect_writable(target)
    try:
        with con.cursor() as cur:
            cur.execute("SELECT to_regclass(%s)", [DEFERRED])
            if cur.fetchone()[0] is None:
                return
            keep_record(cur)
            cur.execute(f"SELECT name, definition FROM {DEFERRED} WHERE kind = %s ORDER BY name", [INDEX])
            indexes = cur.fetchall()
        con.commit()
        if indexes:
            builders = dbs.ThreadConnections(lambda: dbs.connect_writable(target))
            try:
                with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="sublarr-index") as pool:
                    list(pool.map(lambda item: _build_index(builders.get(), *item), indexes))
            finally:
                builders.close()
        _restore_foreign_keys(con)
    finally:
        con.close()


def build_indexes(con: Any, table: str) -> None:
    """The recorded indexes of one table, built now that its rows are in, one after another."""
    with con.cursor() as cur:
        cur.execute(
            f"SELECT name, definition FROM {DEFERRED} WHERE kind = %s AND table_name = %s ORDER BY name",
            [INDEX, table],
        )
        indexes = cur.fetchall()
    con.commit()
    for name, definition in indexes:
        _build_index(con, name, definition)


def _build_index(con: Any, name: str, definition: str) -> None:
    with con, con.cursor() as cur:  # one transaction: the index and the end of its record
        cur.execute(definition)
        cur.execute(f"DELETE FROM {DEFERRED} WHERE kind = %s AND name = %s", [INDEX, name])


def _restore_foreign_keys(con: Any) -> None:
    with con, con.cursor() as cur:
        cur.execute(
            f"SELECT table_name, name, definition FROM {DEFERRED} WHERE kind = %s ORDER BY 1, 2",
            [FOREIGN_KEY],
        )
        for table, name, definition in cur.fetchall():
            cur.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition} NOT VALID")
            cur.execute("SAVEPOINT sublarr_validate")
            try:
                cur.execute(f"ALTER TABLE {quote(table)} VALIDATE CONSTRAINT {quote(name)}")
            except psycopg2.errors.ForeignKeyViolation:
                cur.execute("ROLLBACK TO SAVEPOINT sublarr_validate")  # orphan rows: stays NOT VALID
            cur.execute("RELEASE SAVEPOINT sublarr_validate")
        cur.execute(f"DELETE FROM {DEFERRED}")
