"""The data fingerprint of ../shared/tools/db_manifest.py, computed in bounded memory.

Per table: the row count and a SHA-256 over the rows' JSON texts in sorted order, each row the
JSON list of [column, value] pairs sorted by column name. The digest ignores column order and
physical row order, so the same data gives the same digest on SQLite and PostgreSQL.

The tool sorts every row of a table in memory; a table of a million rows would need gigabytes,
so here rows are sorted in runs of `RUN_ROWS`, spilled to temporary files and merged. Sorting the
UTF-8 bytes gives the order of sorting the strings (UTF-8 preserves code point order) and
json.dumps escapes every newline, so one row is one line.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from typing import IO, Any

from apps.core.dbtools import databases as dbs

# Tables the tool leaves out: Django's and SQLite's bookkeeping, and a former migration tool's.
SKIP_PREFIXES = ("django_", "auth_", "sqlite_", "alembic_")
EMPTY_SHA256 = hashlib.sha256().hexdigest()
RUN_ROWS = 100_000

Normalizer = Callable[[Any], Any]


def norm(value: Any) -> Any:
    """A value as the tool writes it: None, int, float rounded to 12 digits, hex bytes, else str."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def is_fingerprinted(table: str) -> bool:
    return not table.startswith(SKIP_PREFIXES)


def row_lines(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], normalizers: dict[str, Normalizer] | None = None
) -> Iterator[bytes]:
    """Each row as the tool's JSON text, encoded, with its newline."""
    order = sorted(range(len(columns)), key=lambda i: columns[i])
    names = [columns[i] for i in order]
    funcs = [(normalizers or {}).get(name, norm) for name in names]
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for row in rows:
        pairs = [[name, f(row[i])] for name, f, i in zip(names, funcs, order, strict=True)]
        yield dumps(pairs).encode() + b"\n"


def digest_lines(lines: Iterable[bytes], run_rows: int = RUN_ROWS) -> tuple[int, str]:
    """(count, sha256) of the lines in sorted order, holding at most `run_rows` lines at a time."""
    runs: list[IO[bytes]] = []
    with ExitStack() as stack:
        run: list[bytes] = []
        count = 0
        for line in lines:
            run.append(line)
            count += 1
            if len(run) >= run_rows:
                runs.append(_spill(sorted(run), stack))
                run = []
        run.sort()
        merged: Iterable[bytes] = heapq.merge(run, *runs) if runs else run
        sha = hashlib.sha256()
        for line in merged:
            sha.update(line)
        return count, sha.hexdigest()


def _spill(lines: list[bytes], stack: ExitStack) -> IO[bytes]:
    handle = stack.enter_context(tempfile.TemporaryFile(prefix="sublarr-digest-"))
    handle.writelines(lines)
    handle.seek(0)
    return handle


def table_digest(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    normalizers: dict[str, Normalizer] | None = None,
    run_rows: int = RUN_ROWS,
) -> dict[str, Any]:
    """The tool's entry for one table: {"rows": count, "sha256": hex}."""
    count, sha = digest_lines(row_lines(columns, rows, normalizers), run_rows)
    return {"rows": count, "sha256": sha}


def database_manifest(
    con: Any, vendor: str, like: dict[str, set[str]] | None = None, run_rows: int = RUN_ROWS
) -> dict[str, dict[str, Any]]:
    """The tool's whole output for an open connection: every fingerprinted table, all columns.

    `like` (table -> columns of another database) keeps only those tables and columns, as the
    tool's --like does: an adopted file digested like its original equals the original.
    """
    out = {}
    for table in sorted(t for t in dbs.table_names(con, vendor) if is_fingerprinted(t)):
        if like is not None and table not in like:
            continue
        columns = [c for c in dbs.table_columns(con, table) if like is None or c in like[table]]
        sql = f"SELECT {', '.join(dbs.quote(c) for c in columns)} FROM {dbs.quote(table)}"
        rows = (row for chunk in dbs.stream_rows(con, vendor, sql) for row in chunk)
        out[table] = table_digest(columns, rows, run_rows=run_rows)
    return out


def columns_like(con: Any, vendor: str) -> dict[str, set[str]]:
    """Table -> column names of a database, for `like`."""
    return {t: set(dbs.table_columns(con, t)) for t in dbs.table_names(con, vendor)}
