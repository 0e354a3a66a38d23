"""Two databases compared table by table, row by row in key order, every value with its type.

Both sides are read in primary-key order, so the comparison streams: the source's rows against
the target's, a few megabytes at a time, with no sort and no temporary files. The databases write
their rows themselves, as the same CSV text (`csvsql`): PostgreSQL with COPY TO, SQLite with one
printf per row. Python compares bytes and does nothing per row: reading a million rows into
Python objects took longer than copying them.

In that text every type has its own shape (text quoted, integers as digits, floating-point
numbers as the bits of the double, bytes as hex, NULL as nothing), so a changed value, NULL or
type in any column of any row changes the bytes. Where they differ, the table is read again into
Python (`python_line`) to name the first row that differs.

Tables with values each dialect stores in its own shape (Django's datetimes, uuids, JSON) are
read into Python on both sides and compared as lines of JSON after the digest's normalizers.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from apps.core.dbtools import csvsql
from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import quote
from apps.core.dbtools.digest import Normalizer

BATCH_ROWS = 5_000
CHUNK_BYTES = 1 << 20  # COPY TO's rows gathered into pieces this large before they are compared
Chunks = Generator[tuple[bytes, int]]  # (CSV bytes, rows); a generator, so it can be closed


@dataclass(frozen=True)
class Spec:
    """What to compare of one table: its columns (in line order) and key."""

    table: str
    columns: tuple[str, ...]
    pk: str
    text_key: bool
    normalizers: dict[str, Normalizer] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    table: str
    source: dict[str, Any]  # {"rows": n}
    target: dict[str, Any]
    first_difference: Any = None  # the key of the first row (in key order) that differs

    @property
    def ok(self) -> bool:
        return self.source == self.target and self.first_difference is None


# --- CSV, written by the databases ----------------------------------------------------------


def csv_chunks(con: Any, vendor: str, spec: Spec, nul_safe: bool = False, batch: int = BATCH_ROWS) -> Chunks:
    """The table as `csvsql` text in key order, in pieces."""
    if vendor == "postgresql":
        kinds = postgres_types(con, spec.table)
        yield from _copy_out(
            con, csvsql.postgres_copy_sql(spec.table, spec.columns, spec.pk, spec.text_key, kinds)
        )
        return
    csvsql.register_functions(con)
    line = csvsql.line_sql(spec.columns, dbs.declared_types(con, spec.table), exact=True, nul_safe=nul_safe)
    first, more = (
        csvsql.batch_sql(spec.table, spec.pk, line, False),
        csvsql.batch_sql(spec.table, spec.pk, line, True),
    )
    last: Any = None
    while True:
        data, rows, last = con.execute(
            first if last is None else more, [batch] if last is None else [last, batch]
        ).fetchone()
        if not rows:
            return
        yield data, rows


def _copy_out(con: Any, sql: str) -> Chunks:
    """COPY TO's output, in a thread (psycopg2 hands it over row by row, through write())."""

    def fill(put: Callable[[Any], None], stop: threading.Event) -> None:
        class Sink:
            def __init__(self) -> None:
                self.parts: list[bytes] = []
                self.size = 0

            def write(self, data: bytes) -> None:
                if stop.is_set():
                    return  # the reader is gone: let COPY finish, so the connection stays usable
                self.parts.append(data)
                self.size += len(data)
                if self.size >= CHUNK_BYTES:
                    self.flush()

            def flush(self) -> None:
                if self.parts and not stop.is_set():
                    put((b"".join(self.parts), len(self.parts)))
                self.parts, self.size = [], 0

        sink = Sink()
        with con.cursor() as cur:
            cur.copy_expert(sql, sink, size=1 << 16)
        sink.flush()

    return _in_thread(fill, depth=4, name="sublarr-copy-out")


def _in_thread(
    fill: Callable[[Callable[[Any], None], threading.Event], None], depth: int, name: str
) -> Generator[Any]:
    """What `fill(put, stop)` puts, made in a thread while the caller reads (at most `depth`
    waiting). `stop` is set when the reader is gone; an exception in `fill` is raised in the reader.
    """
    out: queue.Queue[Any] = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def run() -> None:
        try:
            fill(out.put, stop)
            out.put(done)
        except BaseException as exc:  # handed to the reader, raised there
            out.put(exc)

    worker = threading.Thread(target=run, daemon=True, name=name)
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


def postgres_types(con: Any, table: str) -> dict[str, str]:
    cur = con.cursor()
    cur.execute(
        "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
        [quote(table)],
    )
    return dict(cur.fetchall())


# --- lines of JSON, written by Python -------------------------------------------------------


def python_line(row: Sequence[Any], normalizers: Sequence[Normalizer | None]) -> str:
    """The same line from values read into Python (after `normalizers`, one per column or None)."""
    values = [_python_value(f(v) if f else v) for v, f in zip(row, normalizers, strict=True)]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _python_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int):
        return int(value) if isinstance(value, bool) else value
    if isinstance(value, float):
        return [csvsql.f64_hex(value)]
    if isinstance(value, bytes | memoryview):
        return {"b": bytes(value).hex()}  # SQL never writes an object: bytes differ from all else
    return str(value)


def line_batches(con: Any, vendor: str, spec: Spec, batch: int = BATCH_ROWS) -> Iterator[list[str]]:
    """The table's rows as `python_line`s in key order, in lists of at most `batch`."""
    order = dbs.order_by(spec.pk, vendor, spec.text_key)
    funcs = [spec.normalizers.get(c) for c in spec.columns]
    columns = [quote(c) for c in spec.columns]
    if vendor == "postgresql":  # a float4's text reads back as the double nearest to it, not its own
        kinds = postgres_types(con, spec.table)
        columns = [
            f"{q}::float8" if kinds[c] == "float4" else q for c, q in zip(spec.columns, columns, strict=True)
        ]
    sql = f"SELECT {', '.join(columns)} FROM {quote(spec.table)} ORDER BY {order}"
    for rows in dbs.stream_rows(con, vendor, sql, batch=batch):
        yield [python_line(r, funcs) for r in rows]


# --- comparing ------------------------------------------------------------------------------


def compare_table(
    src: Any,
    src_vendor: str,
    dst: Any,
    dst_vendor: str,
    spec: Spec,
    src_lock: threading.Lock | None = None,
) -> Result:
    """The source read here while the target is read in a thread, compared as they come.

    Both drivers release the GIL while their database works, so both write their side at the
    same time. `src_lock`: held while reading `src`, which other threads share.
    """
    lock = src_lock or threading.Lock()
    if not spec.normalizers:
        # A SQLite target may hold a NUL character (PostgreSQL text cannot; a SQLite source
        # bound for PostgreSQL was searched for them before the copy).
        nul_safe = dst_vendor == "sqlite" and src_vendor == "sqlite"
        source = csv_chunks(src, src_vendor, spec, nul_safe)
        target = csv_chunks(dst, dst_vendor, spec, dst_vendor == "sqlite")
        try:
            counts = _same_bytes(_locked(source, lock), target)
        finally:  # a COPY still running ends (its rows skipped) before the connection is used again
            with lock:
                source.close()
            target.close()
        if counts is not None:
            return Result(spec.table, {"rows": counts[0]}, {"rows": counts[1]})
    return _compare_lines(src, src_vendor, dst, dst_vendor, spec, lock)  # and where they differ


def matches_sent(dst: Any, spec: Spec, sha256: str, rows: int, declared: dict[str, str]) -> Result | None:
    """The table read back from PostgreSQL as the very CSV a copy sent it: a Result when it is
    that CSV byte for byte, else None (then `compare_table` decides, and names the row).

    PostgreSQL writes each value it holds in its own canonical text; the copy wrote each source
    value in that text (`csvsql`, exact=False): text quoted, integers as digits, floats in
    float8's shortest form, NULL as nothing. Equal bytes are equal values. Two shapes would be
    shared by two types, so tables where they could meet go the other way: a float column that
    SQLite could fill with integers too (5 and 5.0 both read "5"), and Django's values that each
    dialect stores in its own shape (normalizers).
    """
    kinds = postgres_types(dst, spec.table)
    floats = [c for c in spec.columns if kinds[c] in {"float4", "float8"}]
    if spec.normalizers or any(dbs.affinity(declared.get(c, "")) != "REAL" for c in floats):
        return None
    sql = csvsql.postgres_copy_sql(spec.table, spec.columns, spec.pk, spec.text_key, kinds, exact=False)
    sha, count = hashlib.sha256(), 0
    for data, n in _copy_out(dst, sql):
        sha.update(data)
        count += n
    if count != rows or sha.hexdigest() != sha256:
        return None
    return Result(spec.table, {"rows": rows}, {"rows": count})


def _same_bytes(source: Iterator[tuple[bytes, int]], target: Chunks) -> tuple[int, int] | None:
    """(rows, rows) when both give the same bytes, else None."""
    pending = bytearray()  # target bytes not yet matched
    rows = [0, 0]
    for data, n in source:
        rows[0] += n
        while len(pending) < len(data) and (more := next(target, None)) is not None:
            pending += more[0]
            rows[1] += more[1]
        if pending[: len(data)] != data:
            return None
        del pending[: len(data)]
    if pending or next(target, None) is not None:  # rows only the target has
        return None
    return rows[0], rows[1]


def _compare_lines(
    src: Any, src_vendor: str, dst: Any, dst_vendor: str, spec: Spec, lock: threading.Lock
) -> Result:
    counts = [0, 0]
    first: int | None = None
    target = _prefetched(line_batches(dst, dst_vendor, spec))
    pending: list[str] = []  # target lines not yet matched against source lines
    for lines in _locked(line_batches(src, src_vendor, spec), lock):
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


def _locked[T](batches: Iterator[T], lock: threading.Lock) -> Iterator[T]:
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

    def fill(put: Callable[[Any], None], stop: threading.Event) -> None:
        for item in batches:
            if stop.is_set():
                return
            put(item)

    return _in_thread(fill, depth=depth, name="sublarr-compare")


def compare_tables(
    src: Any, src_vendor: str, dst: Any, dst_vendor: str, specs: Sequence[Spec]
) -> list[Result]:
    return [compare_table(src, src_vendor, dst, dst_vendor, s) for s in specs]
