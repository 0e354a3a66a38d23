"""Digests of SQLite files by path, through the project's digest (apps.core.dbtools.digest)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.digest import columns_like, database_manifest, row_lines


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def manifest(path: Path, like: Path | None = None) -> dict[str, dict[str, Any]]:
    """What `db_manifest.py PATH [--like LIKE]` prints."""
    with closing(_open(path)) as con:
        if like is None:
            return database_manifest(con, "sqlite")
        with closing(_open(like)) as other:
            return database_manifest(con, "sqlite", like=columns_like(other, "sqlite"))


def rows_of(path: Path, table: str) -> list[str]:
    """A table's rows as the digest's sorted JSON lines (for comparing two files row by row)."""
    with closing(_open(path)) as con:
        columns = dbs.table_columns(con, table)
        rows = con.execute(f"SELECT {', '.join(dbs.quote(c) for c in columns)} FROM {dbs.quote(table)}")
        return sorted(line.decode().rstrip("\n") for line in row_lines(columns, rows))
