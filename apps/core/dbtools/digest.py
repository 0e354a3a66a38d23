"""The data fingerprint of ../shared/tools/db_manifest.py, computed in bounded memory.

Per table: the row count and a SHA-256 over the rows' JSON texts in sorted order, each row the
JSON list of [column, value] pairs sorted by column name. The digest ignores column order and
physical row order, so the same data gives the same digest on SQLite and PostgreSQL.

The tool sorts every row of a table in memory; a table of a million rows would need gigabytes,
so here rows are sorted in runs of `RUN_ROWS` (or `RUN_BYTES`), spilled to temporary files and
merged. Sorting the UTF-8 bytes gives the order of sorting the strings (UTF-8 preserves code point
order) and json.dumps escapes every newline, so one row is one line.

Backups record these digests; transfers compare tables row by row instead (`compare`), and the
tests hold both to the tool. This module imports no Django (only the standard library and,
through `databases`, psycopg2).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from typing import IO, Any

from apps.core.dbtools import databases as dbs

# Tables the tool leaves out: Django's and SQLite's bookkeeping, and a former migration tool's.
SKIP_PREFIXES = ("django_", "auth_", "sqlite_", "alembic_")
EMPTY_SHA256 = hashlib.sha256().hexdigest()
RUN_ROWS = 100_000
# A run is spilled at this many bytes of lines, too: bounded memory per process. With the lines'
# object overhead and a batch being encoded, a digest takes about 25 MB above the imports; the
# number of runs (open temporary files while merging) is a table's size over this.
RUN_BYTES = 8 << 20
# Rows read and encoded at a time. The encoder holds a batch several times over (the rows, the
# joined text, its bytes, the lines), so small batches keep that transient memory small; 2,000
# rows still amortise the per-batch work.
BATCH_LINES = 2_000

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


def norm_datetime(value: Any) -> Any:
    """A datetime (or SQLite's text of one) as its UTC ISO form: both dialects' shapes agree."""
    if value is None:
        return None
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime  # only SQLite's text needs it

        moment = parse_datetime(value)
    else:
        moment = value
    if not isinstance(moment, datetime):
        return str(value)
    if moment.tzinfo is None:  # Django stores UTC when USE_TZ; SQLite keeps it without offset
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def norm_uuid(value: Any) -> Any:
    return None if value is None else uuid.UUID(str(value)).hex


def norm_json(value: Any) -> Any:
    # PostgreSQL's jsonb keeps the data, not the text: compare the parsed values.
    if value is None:
        return None
    data = json.loads(value) if isinstance(value, str) else value
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def is_fingerprinted(table: str) -> bool:
    return not table.startswith(SKIP_PREFIXES)


class LineEncoder:
    """Encodes batches of rows into the tool's JSON lines, column by column.

    json.dumps of a row's [column, value] pairs builds a list per row and walks it in Python.
    Here each column of a batch is encoded at once (`map` over C functions for the usual case
    of a column holding only text, or only integers) and the lines come from one format string
    holding the sorted column names: same bytes, several times faster. Any value of an unusual
    type goes through `norm` and json.dumps, as in the tool.
    """

    def __init__(self, columns: Sequence[str], normalizers: dict[str, Normalizer] | None = None) -> None:
        order = sorted(range(len(columns)), key=lambda i: columns[i])
        self.order = order
        self.funcs = [(normalizers or {}).get(columns[i]) for i in order]
        pairs = [f"[{_escape_braces(_dumps(columns[i]))}, {{}}]" for i in order]
        self.template = "[" + ", ".join(pairs) + "]\n"

    def __call__(self, rows: Sequence[Sequence[Any]]) -> list[bytes]:
        """The rows' lines, each with its newline (JSON escapes every newline inside values)."""
        if not rows or not self.order:
            return [self.template.encode()] * len(rows)
        columns = list(zip(*rows, strict=True))
        encoded = [_encode_column(columns[i], f) for i, f in zip(self.order, self.funcs, strict=True)]
        text = "".join(map(self.template.format, *encoded))
        return text.encode().splitlines(keepends=True)


_dumps = json.JSONEncoder(ensure_ascii=False).encode
_encode_str = json.encoder.encode_basestring  # ensure_ascii=False: the C version when available
_int_repr = int.__repr__
_float_repr = float.__repr__
_NONE = {type(None)}
_STR_OR_NONE = {str, type(None)}
_INT_OR_NONE = {int, type(None)}


def _escape_braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _encode_column(values: Sequence[Any], normalizer: Normalizer | None) -> Iterable[str]:
    if normalizer is not None:
        values = list(map(normalizer, values))
    types = set(map(type, values))
    if types == {str}:
        return map(_encode_str, values)
    if types == {int}:
        return map(_int_repr, values)
    if types == _NONE:
        return itertools.repeat("null", len(values))
    if types <= _STR_OR_NONE:
        return [_encode_str(v) if v is not None else "null" for v in values]
    if types <= _INT_OR_NONE:
        return [_int_repr(v) if v is not None else "null" for v in values]
    return map(_encode_value, values)


def _encode_value(value: Any) -> str:
    """json.dumps(norm(value)), without the detour for the common types."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if value is None:
        return "null"
    if kind is int:
        return _int_repr(value)
    if kind is float:
        rounded = float(f"{value:.12g}")
        if rounded - rounded == 0:  # finite; json writes NaN and Infinity its own way
            return _float_repr(rounded)
    return _dumps(norm(value))


def row_lines(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], normalizers: dict[str, Normalizer] | None = None
) -> Iterator[bytes]:
    """Each row as the tool's JSON text, encoded, with its newline."""
    encoder = LineEncoder(columns, normalizers)
    for batch in itertools.batched(rows, BATCH_LINES):
        yield from encoder(batch)


def digest_lines(lines: Iterable[bytes], run_rows: int = RUN_ROWS) -> tuple[int, str]:
    """(count, sha256) of the lines in sorted order, holding at most `run_rows` lines at a time."""
    return digest_line_batches(itertools.batched(lines, BATCH_LINES), run_rows)


def digest_line_batches(batches: Iterable[Sequence[bytes]], run_rows: int = RUN_ROWS) -> tuple[int, str]:
    """digest_lines for lines that come in lists, as LineEncoder gives them."""
    runs: list[IO[bytes]] = []
    with ExitStack() as stack:
        run: list[bytes] = []
        count = 0
        size = 0
        for batch in batches:
            run.extend(batch)
            count += len(batch)
            size += sum(map(len, batch))
            if size >= RUN_BYTES:  # long rows: fewer of them fit the memory a run may take
                runs.append(_spill(sorted(run), stack))
                run, size = [], 0
            while len(run) >= run_rows:
                runs.append(_spill(sorted(run[:run_rows]), stack))
                del run[:run_rows]
                size = sum(map(len, run))
        run.sort()
        sha = hashlib.sha256()
        if runs:
            for chunk in itertools.batched(heapq.merge(run, *runs), BATCH_LINES):
                sha.update(b"".join(chunk))
        else:
            sha.update(b"".join(run))
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
    return batches_digest(columns, itertools.batched(rows, BATCH_LINES), normalizers, run_rows)


def batches_digest(
    columns: Sequence[str],
    batches: Iterable[Sequence[Sequence[Any]]],
    normalizers: dict[str, Normalizer] | None = None,
    run_rows: int = RUN_ROWS,
) -> dict[str, Any]:
    """table_digest of rows that come in batches (as `stream_rows` gives them)."""
    encoder = LineEncoder(columns, normalizers)
    count, sha = digest_line_batches(map(encoder, batches), run_rows)
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
        rows = dbs.stream_rows(con, vendor, sql, batch=BATCH_LINES)
        out[table] = batches_digest(columns, rows, run_rows=run_rows)
    return out


def columns_like(con: Any, vendor: str) -> dict[str, set[str]]:
    """Table -> column names of a database, for `like`."""
    return {t: set(dbs.table_columns(con, t)) for t in dbs.table_names(con, vendor)}
