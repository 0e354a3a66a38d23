"""Two databases compared table by table, row by row in key order, every value with its type.

Both sides are read in primary-key order, so the comparison streams: a batch of rows from one
side against the same batch from the other, with no sort and no temporary files. Each row becomes
one line of JSON, an array of the row's values in column order, written by the database engine
itself (SQLite's json_array, PostgreSQL's to_json: the same escaping, no spaces), so Python only
moves strings; reading a million rows into Python objects took longer than copying them.

JSON keeps the types apart: 5, "5", 5.0 and null are four different texts. A floating-point
number is written exactly, as an array holding the IEEE 754 bits of the double (["f3fb999999999999a"]
for 0.1; JSON's decimal text would round), so it equals no text and no integer either. In SQLite
any column but a TEXT one can hold a real number (an INTEGER column keeps 1.5), so all of those
are written so; PostgreSQL writes its float columns so. PostgreSQL booleans are written 0/1, as
SQLite stores them.

Tables with values each dialect stores in its own shape (Django's datetimes, uuids, JSON) are
read into Python on both sides and written as the same kind of line after the digest's
normalizers (`python_line`), as is any table SQLite's JSON functions refuse (a BLOB value).
"""

from __future__ import annotations

import json
import queue
import sqlite3
import struct
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import quote
from apps.core.dbtools.digest import Normalizer

BATCH_ROWS = 5_000
F64 = "sublarr_f64"  # the SQLite function writing a double's bits; SQL has no way to get them
# json_array takes at most 127 arguments (SQLITE_MAX_FUNCTION_ARG); wider tables go through Python.
MAX_SQL_COLUMNS = 100


def f64_hex(value: float) -> str:
    return "f" + struct.pack(">d", value).hex()


def register_functions(con: Any) -> None:
    """The Python function the SQLite expressions call, for floating-point values only."""
    con.create_function(F64, 1, f64_hex, deterministic=True)


@dataclass(frozen=True)
class Spec:
    """What to compare of one table: its columns (in line order) and key."""

    table: str
    columns: tuple[str, ...]
    pk: str
    text_key: bool
    normalizers: dict[str, Normalizer] = field(default_factory=dict)

    @property
    def in_sql(self) -> bool:
        return not self.normalizers and len(self.columns) <= MAX_SQL_COLUMNS


@dataclass(frozen=True)
class Result:
    table: str
    source: dict[str, Any]  # {"rows": n}
    target: dict[str, Any]
    first_difference: Any = None  # the key of the first row (in key order) that differs

    @property
    def ok(self) -> bool:
        return self.source == self.target and self.first_difference is None


# --- lines ----------------------------------------------------------------------------------


def sqlite_line_sql(spec: Spec, declared: dict[str, str]) -> str:
    """The line from SQLite columns declared with the types `declared`."""
    args = []
    for column in spec.columns:
        c = quote(column)
        if dbs.affinity(declared.get(column, "")) == "TEXT":  # holds no numbers: as it is, and faster
            args.append(c)
        else:
            args.append(f"CASE typeof({c}) WHEN 'real' THEN json_array({F64}({c})) ELSE {c} END")
    return f"json_array({', '.join(args)})"


def sqlite_keeps_json_in_case(con: Any) -> bool:
    """Whether a JSON value stays JSON through CASE in this SQLite (3.40 keeps it): else the
    floats' arrays would come out as text and every table with one would differ; Python then."""
    row = con.execute("SELECT json_array(CASE 1 WHEN 1 THEN json_array('x') END)").fetchone()
    return bool(row[0] == '[["x"]]')


def postgres_line_sql(spec: Spec, kinds: dict[str, str]) -> str:
    """The same line from PostgreSQL columns of types `kinds` (pg_type.typname)."""
    parts = []
    for column in spec.columns:
        c, kind = quote(column), kinds[column]
        if kind in {"float4", "float8"}:
            value = f"""'["f' || encode(float8send({c}::float8), 'hex') || '"]'"""
        elif kind == "bool":
            value = f"CASE WHEN {c} THEN '1' ELSE '0' END"
        elif kind in {"int2", "int4", "int8", "oid"}:
            value = f"{c}::text"
        else:  # text, and any other type as its text (a timestamp written differently differs)
            value = f"to_json({c}::text)::text"
        parts.append(f"COALESCE({value}, 'null')")
    return "'[' || " + " || ',' || ".join(parts) + " || ']'" if parts else "'[]'"


def python_line(row: Sequence[Any], normalizers: Sequence[Normalizer | None]) -> str:
    """The same line from values read into Python (after `normalizers`, one per column or None)."""
    values = [_python_value(f(v) if f else v) for v, f in zip(row, normalizers, strict=True)]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _python_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int):
        return int(value) if isinstance(value, bool) else value
    if isinstance(value, float):
        return [f64_hex(value)]
    if isinstance(value, bytes | memoryview):
        return {"b": bytes(value).hex()}  # SQL never writes an object: bytes differ from all else
    return str(value)


def postgres_types(con: Any, table: str) -> dict[str, str]:
    cur = con.cursor()
    cur.execute(
        "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
        [quote(table)],
    )
    return dict(cur.fetchall())


def line_batches(
    con: Any, vendor: str, spec: Spec, in_sql: bool, batch: int = BATCH_ROWS
) -> Iterator[list[str]]:
    """The table's lines in key order, in lists of at most `batch`."""
    order = dbs.order_by(spec.pk, vendor, spec.text_key)
    source = quote(spec.table)
    if not in_sql:
        funcs = [spec.normalizers.get(c) for c in spec.columns]
        sql = f"SELECT {', '.join(map(quote, spec.columns))} FROM {source} ORDER BY {order}"
        for rows in dbs.stream_rows(con, vendor, sql, batch=batch):
            yield [python_line(r, funcs) for r in rows]
        return
    if vendor == "sqlite":
        register_functions(con)
        line = sqlite_line_sql(spec, dbs.declared_types(con, spec.table))
    else:
        line = postgres_line_sql(spec, postgres_types(con, spec.table))
    for rows in dbs.stream_rows(con, vendor, f"SELECT {line} FROM {source} ORDER BY {order}", batch=batch):
        yield [r[0] for r in rows]


# --- comparing ------------------------------------------------------------------------------


def compare_table(
    src: Any,
    src_vendor: str,
    dst: Any,
    dst_vendor: str,
    spec: Spec,
    src_lock: threading.Lock | None = None,
) -> Result:
    """Both sides' lines in lockstep; the target is read in a thread while the source is read here.

    Both drivers release the GIL while the database works, so the two engines write their lines
    at the same time. `src_lock`: held while reading `src`, shared with other threads.
    """
    lock = src_lock or threading.Lock()
    with lock:
        in_sql = spec.in_sql and all(
            sqlite_keeps_json_in_case(con)
            for con, vendor in ((src, src_vendor), (dst, dst_vendor))
            if vendor == "sqlite"
        )
    if in_sql:
        try:
            return _compare(src, src_vendor, dst, dst_vendor, spec, True, lock)
        except sqlite3.OperationalError:  # "JSON cannot hold BLOB values": compare in Python
            pass
    return _compare(src, src_vendor, dst, dst_vendor, spec, False, lock)


def _compare(
    src: Any, src_vendor: str, dst: Any, dst_vendor: str, spec: Spec, in_sql: bool, lock: threading.Lock
) -> Result:
    counts = [0, 0]
    first: int | None = None
    target = _prefetched(line_batches(dst, dst_vendor, spec, in_sql))
    pending: list[str] = []  # target lines not yet matched against source lines
    for lines in _locked(line_batches(src, src_vendor, spec, in_sql), lock):
        while len(pending) < len(lines) and (more := next(target, None)) is not None:
            counts[1] += len(more)
            pending += more
        if first is None and pending[: len(lines)] != lines:
            first = counts[0] + _first_unequal(lines, pending)
        del pending[: len(lines)]
        counts[0] += len(lines)
    for more in target:  # rows only the target has
        counts[1] += len(more)
        if first is None and more:
            first = counts[0]
    if first is None and pending:
        first = counts[0]
    return Result(
        spec.table,
        {"rows": counts[0]},
        {"rows": counts[1]},
        None if first is None else _key_at(src, src_vendor, dst, dst_vendor, spec, first, lock),
    )


def _locked(batches: Iterator[list[str]], lock: threading.Lock) -> Iterator[list[str]]:
    while True:
        with lock:
            batch = next(batches, None)
        if batch is None:
            return
        yield batch


def _first_unequal(a: list[str], b: list[str]) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _key_at(
    src: Any, src_vendor: str, dst: Any, dst_vendor: str, spec: Spec, index: int, lock: threading.Lock
) -> Any:
    """The key of the index-th row in key order: the source's, or the target's past its end."""
    for con, vendor in ((src, src_vendor), (dst, dst_vendor)):
        order = dbs.order_by(spec.pk, vendor, spec.text_key)
        mark = dbs.placeholder(vendor)
        with lock:
            cur = con.cursor()
            cur.execute(
                f"SELECT {quote(spec.pk)} FROM {quote(spec.table)} ORDER BY {order} LIMIT 1 OFFSET {mark}",
                [index],
            )
            row = cur.fetchone()
        if row is not None:
            return row[0]
    return None


def _prefetched(batches: Iterator[list[str]], depth: int = 2) -> Iterator[list[str]]:
    """The batches, read ahead in a thread (at most `depth` waiting)."""
    out: queue.Queue[Any] = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def run() -> None:
        try:
            for item in batches:
                if stop.is_set():
                    return
                out.put(item)
            out.put(done)
        except BaseException as exc:  # handed to the reader, raised there
            out.put(exc)

    worker = threading.Thread(target=run, daemon=True, name="sublarr-compare")
    worker.start()
    try:
        while (item := out.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a put() so the thread sees `stop`
            try:
                out.get(timeout=0.05)
            except queue.Empty:
                pass
        worker.join()


def compare_tables(
    src: Any, src_vendor: str, dst: Any, dst_vendor: str, specs: Sequence[Spec]
) -> list[Result]:
    return [compare_table(src, src_vendor, dst, dst_vendor, s) for s in specs]
