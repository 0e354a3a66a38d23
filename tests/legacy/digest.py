"""The data fingerprint of ../shared/tools/db_manifest.py, for SQLite files in tests.

Per table: row count and SHA-256 over the rows' sorted JSON texts, each row a sorted list of
[column, normalised value] pairs; `like` restricts tables and columns to another file's.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

SKIP = ("django_", "auth_", "sqlite_", "alembic_")


def _norm(value: Any) -> Any:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def columns_of(path: Path) -> dict[str, set[str]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: {r[1] for r in con.execute(f'PRAGMA table_info("{t}")')} for t in tables}
    finally:
        con.close()


def rows_of(path: Path, table: str, columns: set[str] | None = None) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cur = con.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cur.description]
        keep = [i for i, c in enumerate(names) if columns is None or c in columns]
        return sorted(
            json.dumps(sorted((names[i], _norm(r[i])) for i in keep), ensure_ascii=False) for r in cur
        )
    finally:
        con.close()


def manifest(path: Path, like: Path | None = None) -> dict[str, dict[str, Any]]:
    wanted = columns_of(like) if like is not None else None
    out = {}
    for table in sorted(columns_of(path)):
        if table.startswith(SKIP) or (wanted is not None and table not in wanted):
            continue
        rows = rows_of(path, table, wanted[table] if wanted is not None else None)
        h = hashlib.sha256()
        for row in rows:
            h.update(row.encode())
            h.update(b"\n")
        out[table] = {"rows": len(rows), "sha256": h.hexdigest()}
    return out
