"""SQLite to PostgreSQL with no Python work per row: SQLite writes the CSV that COPY reads.

Each batch is one query: SQLite turns the next rows in key order into CSV text (every value by
its own storage class: NULL as an empty field, text quoted, integers as digits, floating-point
numbers by Python's shortest exact repr), and hands back the bytes, the row count and the last
key. Python passes the bytes to COPY and commits, so a batch is the unit of resuming, as before.

Tables are independent here (the target's foreign keys are set aside while copying, see
`deferred`), so several are copied at once, each over a PostgreSQL connection of its own, and a
table that is done goes on (`finish`: its indexes, its verification) while others are copied:
the machine's cores stay busy with different steps instead of waiting for one step at a time.
All share the one SQLite connection, which holds the snapshot every table is read from; its
queries take turns, and both drivers release the GIL while their database works, so SQLite
writes one table's CSV while PostgreSQL parses another's.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any

import psycopg2
from tqdm import tqdm

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import Database, quote
from apps.core.dbtools.tables import Table

REPR = "sublarr_repr"  # float -> Python's repr: the shortest text that reads back as the same double
JOBS = 2  # tables copied at once
COPY_READ = 1 << 18  # bytes psycopg2 hands COPY at a time
MAX_PRINTF_ARGS = 120  # SQLite functions take at most 127 arguments


class CopyError(Exception):
    """PostgreSQL refused a batch; the message is one line for the user."""


def usable(src: Any) -> bool:
    """The CSV is SQLite's text bytes as stored: only a UTF-8 database gives them as COPY reads them."""
    return str(src.execute("PRAGMA encoding").fetchone()[0]).upper() == "UTF-8"


def csv_field_sql(column: str, declared: str = "") -> str:
    """A value as a CSV field; `declared`, the column's declared type, picks a shorter way.

    Function calls are what SQLite's expressions spend their time on, so a column whose affinity
    rules out most storage classes is tested with plain comparisons first.
    """
    c = quote(column)
    text = f"'\"' || replace({c}, '\"', '\"\"') || '\"'"
    any_value = (
        f"CASE typeof({c}) WHEN 'null' THEN '' WHEN 'text' THEN {text} "
        f"WHEN 'integer' THEN CAST({c} AS TEXT) WHEN 'real' THEN {REPR}({c}) "
        f"ELSE '\"\\x' || hex({c}) || '\"' END"  # bytea's hex input form
    )
    kind = dbs.affinity(declared)
    if kind == "TEXT":  # text or NULL (SQLite turns numbers into text here); a BLOB: verification
        return f"CASE WHEN {c} IS NULL THEN '' ELSE {text} END"
    if kind == "INTEGER":  # integers, but 1.5 or 'abc' stay as they are
        integer = f"{c} = CAST({c} AS INTEGER) THEN CAST({c} AS TEXT)"
        return f"CASE WHEN {c} IS NULL THEN '' WHEN {integer} ELSE {any_value} END"
    return any_value


def batch_sql(table: Table, resume: bool, declared: dict[str, str] | None = None) -> str:
    """(CSV bytes, rows, last key) of the next batch; parameters: [last key,] batch size."""
    types = declared or {}
    fields = [csv_field_sql(c, types.get(c, "")) for c in table.columns]
    if len(fields) < MAX_PRINTF_ARGS:
        # One printf per row: joining the fields with || would copy the line built so far at
        # every step (three times the time for a wide table). %s stops at a NUL character,
        # which no text holds here: the transfer refused it before writing.
        line = f"printf('{','.join(['%s'] * len(fields))}' || char(10), {', '.join(fields)})"
    else:
        line = dbs.concat_sql([part for f in fields for part in (f, "','")][:-1] + ["char(10)"])
    key = quote(table.pk)
    where = f" WHERE {key} > ?" if resume else ""
    return (
        f"SELECT CAST(group_concat(line, '') AS BLOB), count(*), max(k) FROM ("
        f"SELECT {line} AS line, {key} AS k FROM {quote(table.name)}{where} ORDER BY {key} LIMIT ?)"
    )


def copy_tables[Done](
    src: Any,
    target: Database,
    tables: Sequence[Table],
    totals: dict[str, int],
    *,
    batch: int,
    progress: bool,
    after_batch: Callable[[str, int], None] | None,
    finish: Callable[[Table, threading.Lock], Done],
    jobs: int = JOBS,
    seconds: list[float] | None = None,
) -> tuple[dict[str, int], dict[str, Done]]:
    """Copy each table's rows after the last key the target holds, then `finish` it.

    `finish(table, lock)` runs in the same worker; `lock` guards `src`. Returns the rows written
    and what `finish` returned, per table. `seconds` gets each table's copying time.
    """
    seconds = [] if seconds is None else seconds
    src.create_function(REPR, 1, repr, deterministic=True)
    lock, stop = threading.Lock(), threading.Event()
    copied: dict[str, tuple[int, Done]] = {}
    bar = tqdm(
        total=sum(totals.values()), desc="rows", unit=" rows", disable=not progress, dynamic_ncols=True
    )
    # Largest first: the last table to start is a small one, so the copies end close together.
    ordered = sorted(tables, key=lambda t: -totals[t.name])
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="sublarr-copy")
    try:

        def work(table: Table) -> tuple[int, Done]:
            started = time.monotonic()
            done = _copy_table(src, lock, stop, target, table, batch, bar, after_batch)
            seconds.append(time.monotonic() - started)
            if stop.is_set():
                raise CopyError("stopped")  # another table failed; its error is the one raised
            return done, finish(table, lock)

        futures: dict[Future[tuple[int, Done]], str] = {pool.submit(work, t): t.name for t in ordered}
        finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in finished:
            copied[futures[future]] = future.result()  # raises the first failure
    except BaseException:
        stop.set()  # the others stop after the batch they are writing: each is committed whole
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
    return {t.name: copied[t.name][0] for t in tables}, {t.name: copied[t.name][1] for t in tables}


def _copy_table(
    src: Any,
    lock: threading.Lock,
    stop: threading.Event,
    target: Database,
    table: Table,
    batch: int,
    bar: tqdm,  # type: ignore[type-arg]
    after_batch: Callable[[str, int], None] | None,
) -> int:
    con = psycopg2.connect(**dbs.pg_params(target))
    try:
        con.set_client_encoding("UTF8")
        with con.cursor() as cur:
            # Batches are resumable, so a crash losing the last commits costs nothing: skip the
            # flush. UTC: SQLite's datetimes are UTC text without an offset (as Django does).
            cur.execute("SET synchronous_commit TO off")
            cur.execute("SET TIME ZONE 'UTC'")
            last = last_key(cur, table)
        con.commit()
        columns = ", ".join(quote(c) for c in table.columns)
        copy_sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN WITH (FORMAT csv)"
        with lock:
            declared = dbs.declared_types(src, table.name)
        first, more = batch_sql(table, False, declared), batch_sql(table, True, declared)
        done = 0
        while not stop.is_set():
            with lock:
                if last is None:
                    data, rows, high = src.execute(first, [batch]).fetchone()
                else:
                    data, rows, high = src.execute(more, [table.key_param(last, "sqlite"), batch]).fetchone()
            if not rows:
                break
            try:
                with con.cursor() as cur:
                    cur.copy_expert(copy_sql, io.BytesIO(data), size=COPY_READ)
                con.commit()
            except psycopg2.Error as exc:
                con.rollback()
                raise CopyError(
                    f"{table.name}: the target refused rows after key {last!r}: {str(exc).strip()}"
                ) from None
            del data
            done += rows
            last = high
            bar.update(rows)
            if after_batch:
                after_batch(table.name, done)
        return done
    finally:
        con.close()


def last_key(cur: Any, table: Table) -> Any:
    # The target holds a prefix of the source in key order (one committed batch at a time), so
    # its highest key, in the source's order, is where the copy resumes.
    column = dbs.order_by(table.pk, "postgresql", table.text_key)
    cur.execute(f"SELECT {quote(table.pk)} FROM {quote(table.name)} ORDER BY {column} DESC LIMIT 1")
    row = cur.fetchone()
    return row[0] if row else None
