"""SQLite to PostgreSQL with no Python work per row: SQLite writes the CSV that COPY reads.

Each batch is one query: SQLite turns the next rows in key order into CSV text (`csvsql`), and
hands back the bytes, the row count and the last key. Python passes the bytes to COPY and
commits, so a batch is the unit of resuming, as before.

Tables are independent here (the target's foreign keys are set aside while copying, see
`deferred`), so several are copied at once, each copying thread over a PostgreSQL connection of
its own that it keeps from table to table, and a table that is done goes on (`finish`: its
indexes, its verification) while others are copied: the machine's cores stay busy with different
steps instead of waiting for one step at a time.
All share the one SQLite connection, which holds the snapshot every table is read from; its
queries take turns, and both drivers release the GIL while their database works, so SQLite
writes one table's CSV while PostgreSQL parses another's.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import psycopg2
from tqdm import tqdm

from apps.core.dbtools import csvsql
from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import Database, quote
from apps.core.dbtools.tables import Table

JOBS = 2  # tables copied at once
COPY_READ = 1 << 18  # bytes psycopg2 hands COPY at a time


@dataclass(frozen=True)
class Sent:
    """What a table's copy sent: rows written by this run, and when this run sent the whole table
    (it did not resume, and no BLOB went into a text column as its hex), the SHA-256 of all the
    CSV in key order, which COPY TO gives back byte for byte when every value arrived unchanged."""

    rows: int
    declared: dict[str, str]  # the SQLite columns' declared types
    sha256: str | None = None


class CopyError(Exception):
    """PostgreSQL refused a batch; the message is one line for the user."""


def usable(src: Any) -> bool:
    """The CSV is SQLite's text bytes as stored: only a UTF-8 database gives them as COPY reads them."""
    return str(src.execute("PRAGMA encoding").fetchone()[0]).upper() == "UTF-8"


def copy_tables[Done](
    src: Any,
    target: Database,
    tables: Sequence[Table],
    totals: dict[str, int],
    *,
    batch: int,
    progress: bool,
    after_batch: Callable[[str, int], None] | None,
    finish: Callable[[Table, threading.Lock, Sent], Done],
    jobs: int = JOBS,
    seconds: list[float] | None = None,
) -> tuple[dict[str, int], dict[str, Done]]:
    """Copy each table's rows after the last key the target holds, then `finish` it.

    `finish(table, lock, sent)` runs in the same worker; `lock` guards `src`. Returns the rows
    written and what `finish` returned, per table. `seconds` gets each table's copying time.
    """
    seconds = [] if seconds is None else seconds
    csvsql.register_functions(src)
    lock, stop = threading.Lock(), threading.Event()
    copied: dict[str, tuple[int, Done]] = {}
    bar = tqdm(
        total=sum(totals.values()), desc="rows", unit=" rows", disable=not progress, dynamic_ncols=True
    )
    # Largest first: the last table to start is a small one, so the copies end close together.
    ordered = sorted(tables, key=lambda t: -totals[t.name])
    writers = dbs.ThreadConnections(lambda: _writer(target))
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="sublarr-copy")
    try:

        def work(table: Table) -> tuple[int, Done]:
            started = time.monotonic()
            sent = _copy_table(src, lock, stop, writers.get(), table, batch, bar, after_batch)
            seconds.append(time.monotonic() - started)
            if stop.is_set():
                raise CopyError("stopped")  # another table failed; its error is the one raised
            return sent.rows, finish(table, lock, sent)

        futures: dict[Future[tuple[int, Done]], str] = {pool.submit(work, t): t.name for t in ordered}
        finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in finished:
            copied[futures[future]] = future.result()  # raises the first failure
    except BaseException:
        stop.set()  # the others stop after the batch they are writing: each is committed whole
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        writers.close()
        bar.close()
    return {t.name: copied[t.name][0] for t in tables}, {t.name: copied[t.name][1] for t in tables}


def _writer(target: Database) -> Any:
    """A connection that copies rows into `target`, one table after another."""
    con = dbs.connect_writable(target)
    with con.cursor() as cur:
        # Batches are resumable, so a crash losing the last commits costs nothing: skip the
        # flush. UTC: SQLite's datetimes are UTC text without an offset (as Django does).
        cur.execute("SET synchronous_commit TO off")
        cur.execute("SET TIME ZONE 'UTC'")
    con.commit()
    return con


def _copy_table(
    src: Any,
    lock: threading.Lock,
    stop: threading.Event,
    con: Any,
    table: Table,
    batch: int,
    bar: tqdm,
    after_batch: Callable[[str, int], None] | None,
) -> Sent:
    try:
        with con.cursor() as cur:
            last = last_key(cur, table)
        con.commit()
        columns = ", ".join(quote(c) for c in table.columns)
        copy_sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN WITH (FORMAT csv)"
        with lock:
            declared = dbs.declared_types(src, table.name)
        line = csvsql.line_sql(table.columns, declared, exact=False, table=table.name)
        # The whole table's CSV, when this run sends all of it: see `Sent`.
        sha = hashlib.sha256() if last is None else None
        blobs = csvsql.BLOBS[table.name]
        first = csvsql.batch_sql(table.name, table.pk, line, resume=False)
        more = csvsql.batch_sql(table.name, table.pk, line, resume=True)
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
            if sha is not None:
                sha.update(data)
            del data
            done += rows
            last = high
            bar.update(rows)
            if after_batch:
                after_batch(table.name, done)
        whole = sha is not None and not stop.is_set() and csvsql.BLOBS[table.name] == blobs
        return Sent(done, declared, sha.hexdigest() if whole and sha else None)
    finally:
        con.rollback()  # whatever happened, the connection is left idle for the thread's next table


def last_key(cur: Any, table: Table) -> Any:
    # The target holds a prefix of the source in key order (one committed batch at a time), so
    # its highest key, in the source's order, is where the copy resumes.
    column = dbs.order_by(table.pk, "postgresql", table.text_key)
    cur.execute(f"SELECT {quote(table.pk)} FROM {quote(table.name)} ORDER BY {column} DESC LIMIT 1")
    row = cur.fetchone()
    return row[0] if row else None
