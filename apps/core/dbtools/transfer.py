"""Copy every Sublarr table from one database to another (SQLite <-> PostgreSQL) and prove it.

The target is migrated by Django, then each table is streamed in primary-key order, one batch per
committed transaction. A marker table on the target names the source while a transfer is under
way, so a run that was interrupted resumes after the last key the target holds instead of
refusing the target as foreign. On PostgreSQL, secondary indexes and foreign keys are built after
the rows (`deferred`), and from SQLite the tables are copied several at once with no Python work
per row (`fastcopy`). At the end, sequences are set past the highest id the source ever handed
out, and every table is compared on both sides, every value of every row (`compare`).
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.management import call_command
from django.db import DatabaseError as DjangoDatabaseError
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from tqdm import tqdm

from apps.core.dbtools import compare, deferred, fastcopy
from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import BATCH_ROWS, Database, quote
from apps.core.dbtools.tables import MIGRATE_SEEDED, Table, transfer_tables

MARKER = "sublarr_transfer_marker"
# Indexes and foreign keys set aside on a PostgreSQL target while rows are copied.
LOOSENED = deferred.DEFERRED
AfterBatch = Callable[[str, int], None]
TableCheck = compare.Result


class TransferError(Exception):
    """The transfer cannot go ahead or did not complete; one line for the user."""


@dataclass
class Report:
    source: str
    target: str
    resumed: bool = False
    copied: dict[str, int] = field(default_factory=dict)  # rows written by this run, per table
    left_out: list[str] = field(default_factory=list)  # source tables/columns Sublarr does not know
    checks: list[TableCheck] = field(default_factory=list)
    copy_seconds: float = 0.0  # until every row is in, with its indexes and sequences
    verify_seconds: float = 0.0  # comparing; from SQLite to PostgreSQL, within copy_seconds
    seconds: float = 0.0  # the whole transfer
    overlapped: bool = False  # each table verified while others were copied
    read_back_as_sent: list[str] = field(default_factory=list)  # verified by `compare.matches_sent`
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmark

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def differences(self) -> list[TableCheck]:
        return [c for c in self.checks if not c.ok]


def transfer(
    source: Database,
    target: Database,
    *,
    replace: bool = False,
    batch: int = BATCH_ROWS,
    progress: bool = True,
    after_batch: AfterBatch | None = None,
    jobs: int = fastcopy.JOBS,
) -> Report:
    """Copy `source` into `target` and verify it; the source is only ever read.

    `jobs`: tables copied (and indexes built) at once on a PostgreSQL target.
    """
    if source.label == target.label:
        raise TransferError(f"the source and the target are the same database ({source.label})")
    tables = transfer_tables()
    report = Report(source.label, target.label)
    src = dbs.connect_readonly(source)
    started = time.monotonic()
    clock = _Clock(report.phases)
    try:
        _check_source(src, source.vendor, tables, report)
        if source.vendor == "sqlite" and target.vendor == "postgresql":
            _refuse_nul_characters(src, tables)
        clock("check source")
        with dbs.django_alias(target) as alias:
            conn = connections[alias]
            report.resumed = _prepare_target(conn, alias, source, tables, replace)
            clock("prepare target")
            if source.vendor == "sqlite" and target.vendor == "postgresql" and fastcopy.usable(src):
                conn.close()  # idle meanwhile: the copies have connections of their own
                checks = _copy_concurrently(src, target, tables, report, batch, progress, after_batch, jobs)
                clock("copy, index and verify each table, several at once")
            else:
                for table in tables:
                    report.copied[table.name] = _copy_table(
                        src, source.vendor, conn, table, batch, progress, after_batch
                    )
                clock("copy rows")
                checks = None
            if conn.vendor == "postgresql":
                conn.close()  # idle while indexes are built, it would only wait
                deferred.restore(target, jobs)
                clock("indexes and foreign keys")
            _reset_sequences(conn, tables, _source_sequences(src, source.vendor, tables))
            _drop_marker(conn)
            clock("sequences")
        report.copy_seconds = time.monotonic() - started
        if checks is None:
            checks = verify(src, source.vendor, target, tables)
            clock("verify")
            report.verify_seconds = time.monotonic() - started - report.copy_seconds
        report.checks = checks
        report.seconds = time.monotonic() - started
    finally:
        src.close()
    return report


def _copy_concurrently(
    src: Any,
    target: Database,
    tables: list[Table],
    report: Report,
    batch: int,
    progress: bool,
    after_batch: AfterBatch | None,
    jobs: int,
) -> list[TableCheck]:
    """SQLite to PostgreSQL: each table copied, indexed and verified, `jobs` tables at a time.

    A table is verified as soon as its rows and indexes are in: nothing done afterwards (its
    foreign keys put back, the sequences) changes a row of it.
    """
    totals = {t.name: _count(src, t.name, "", []) for t in tables}
    copying: list[float] = []
    indexing: list[float] = []
    verifying: list[float] = []
    as_sent: list[str] = []

    def finish(table: Table, lock: Any, sent: fastcopy.Sent) -> TableCheck:
        started = time.monotonic()
        deferred.build_indexes(indexers.get(), table.name)
        indexing.append(time.monotonic() - started)
        started = time.monotonic()
        dst = readers.get()
        spec = table.compare_spec()
        try:
            # A table this run sent whole: PostgreSQL gives back exactly what was sent, or the
            # table is compared with the source read again.
            if sent.sha256 and (
                same := compare.matches_sent(dst, spec, sent.sha256, sent.rows, sent.declared)
            ):
                as_sent.append(table.name)
                return same
            dst.rollback()
            return compare.compare_table(src, "sqlite", dst, "postgresql", spec, lock)
        finally:
            dst.rollback()  # the snapshot ends: the thread's next table is read afresh
            verifying.append(time.monotonic() - started)

    # Each copying thread builds indexes and verifies over connections of its own, table after table.
    indexers = dbs.ThreadConnections(lambda: dbs.connect_writable(target))
    readers = dbs.ThreadConnections(lambda: dbs.connect_readonly(target))
    try:
        report.copied, checks = fastcopy.copy_tables(
            src,
            target,
            tables,
            totals,
            batch=batch,
            progress=progress,
            after_batch=after_batch,
            finish=finish,
            jobs=jobs,
            seconds=copying,
        )
    except fastcopy.CopyError as exc:
        raise TransferError(str(exc)) from None
    finally:
        indexers.close()
        readers.close()
    report.verify_seconds = sum(verifying)
    # Summed over tables, which overlap: where the time goes, not when.
    report.phases |= {
        "(copying, summed)": sum(copying),
        "(indexing, summed)": sum(indexing),
        "(verifying, summed)": sum(verifying),
    }
    report.read_back_as_sent = as_sent
    report.overlapped = True
    return [checks[t.name] for t in tables]


class _Clock:
    """Records the seconds since the previous call under each name."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases = phases
        self.last = time.monotonic()

    def __call__(self, name: str) -> None:
        now = time.monotonic()
        self.phases[name] = self.phases.get(name, 0.0) + now - self.last
        self.last = now


# --- before copying -------------------------------------------------------------------------


def _check_source(src: Any, vendor: str, tables: list[Table], report: Report) -> None:
    """The source must have exactly this Sublarr's schema, or columns would not line up."""
    applied = dbs.applied_migrations(src, vendor)
    if not applied:
        raise TransferError(
            f"{report.source} is not a migrated Sublarr database; run `manage.py migrate` with it first"
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    missing = sorted(f"{a}.{n}" for a, n in known - applied)
    newer = sorted(f"{a}.{n}" for a, n in applied - known if a in loader.migrated_apps)
    if newer:
        raise TransferError(
            f"{report.source} was migrated by a newer Sublarr ({', '.join(newer)}); upgrade Sublarr first"
        )
    if missing:
        raise TransferError(
            f"{report.source} lacks migrations ({', '.join(missing)}); run `manage.py migrate` with it first"
        )
    present = dbs.table_names(src, vendor)
    wanted = {t.name for t in tables}
    for table in tables:
        columns = set(dbs.table_columns(src, table.name))
        if lacking := set(table.columns) - columns:
            raise TransferError(f"{report.source}: {table.name} lacks columns {', '.join(sorted(lacking))}")
        report.left_out += [f"column {table.name}.{c}" for c in sorted(columns - set(table.columns))]
    report.left_out += [
        f"table {t}"
        for t in sorted(present - wanted)
        if not t.startswith(("sqlite_", "django_migrations", MARKER, LOOSENED))
    ]


def _refuse_nul_characters(src: Any, tables: list[Table]) -> None:
    """PostgreSQL text cannot hold U+0000, which SQLite text can: refuse before writing anything.

    No faithful copy exists, and dropping the character silently would change the user's data,
    so the user decides; the message names the row. (SQLite's own replace() stops at a NUL, so
    the fix is an edit of the value, not a one-line UPDATE.)
    """
    for table in tables:
        # One search per row, in all its values joined (ifnull is inline code, not a function
        # call per value).
        joined = dbs.concat_sql([f"ifnull({quote(c)}, '')" for c in table.columns])
        found = f"instr(CAST({joined} AS BLOB), x'00') > 0"
        columns = ", ".join(quote(c) for c in table.columns)
        row = src.execute(f"SELECT {columns} FROM {quote(table.name)} WHERE {found} LIMIT 1").fetchone()
        if row is None:
            continue
        key = row[table.columns.index(table.pk)]
        column = next(c for c, v in zip(table.columns, row, strict=True) if "\0" in _text(v))
        raise TransferError(
            f"{table.name} row {table.pk}={key!r}: {column} holds a NUL character (U+0000), which "
            "PostgreSQL cannot store; nothing was written. Correct that value in the source "
            "database and run the transfer again"
        )


def _prepare_target(
    conn: BaseDatabaseWrapper, alias: str, source: Database, tables: list[Table], replace: bool
) -> bool:
    """Migrate and empty the target, or find the interrupted transfer to resume; True on resume."""
    try:
        existing = set(conn.introspection.table_names())
    except DjangoDatabaseError as exc:
        raise TransferError(f"cannot open the target: {str(exc).strip()}") from None
    marker = _marker_source(conn) if MARKER in existing else None
    if marker == source.label and not replace:
        _check_target_migrated(conn)
        return True
    if not replace:
        if marker is not None:
            raise TransferError(
                f"the target holds an unfinished transfer from {marker}; use --replace to "
                "start over from this source"
            )
        if holding := [
            t.name
            for t in tables
            if t.name in existing and t.name not in MIGRATE_SEEDED and _has_rows(conn, t.name)
        ]:
            raise TransferError(
                f"the target already holds Sublarr data ({', '.join(holding[:5])}"
                f"{', ...' if len(holding) > 5 else ''}); use --replace to overwrite it"
            )
    if _missing_migrations(conn):  # a new target, or one an older Sublarr migrated
        call_command("migrate", database=alias, verbosity=0, interactive=False)
    with transaction.atomic(using=alias):
        present = set(conn.introspection.table_names())
        _empty(conn, [t for t in tables if t.name in present and _has_rows(conn, t.name)])
        with conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {MARKER}")
            cur.execute(f"CREATE TABLE {MARKER} (source TEXT NOT NULL)")
            cur.execute(f"INSERT INTO {MARKER} (source) VALUES (%s)", [source.label])
            if conn.vendor == "postgresql":
                # What an unfinished transfer set aside stays recorded; the rest is added.
                deferred.keep_record(cur)
                deferred.set_aside(cur, [t.name for t in tables])
    return False


def _marker_source(conn: BaseDatabaseWrapper) -> str | None:
    with conn.cursor() as cur:
        cur.execute(f"SELECT source FROM {MARKER}")
        row = cur.fetchone()
    return row[0] if row else None


def _has_rows(conn: BaseDatabaseWrapper, table: str) -> bool:
    with conn.cursor() as cur:
        cur.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
        return cur.fetchone() is not None


def _check_target_migrated(conn: BaseDatabaseWrapper) -> None:
    # Not `migrate` again: its post_migrate step would add content types and permissions with
    # new ids between the source's, which the copy then collides with.
    if missing := _missing_migrations(conn):
        raise TransferError(f"the target lacks migrations ({len(missing)}); use --replace to start over")


def _missing_migrations(conn: BaseDatabaseWrapper) -> set[tuple[str, str]]:
    """The project's migrations the target has not applied (all of them on a new database).

    A target that lacks none is not migrated again before it is emptied: `migrate` would apply
    nothing, and the content types and permissions its post_migrate step checks are emptied and
    copied from the source like every other table.
    """
    loader = MigrationLoader(conn, ignore_no_migrations=True)
    return set(loader.disk_migrations) - set(loader.applied_migrations)


def _empty(conn: BaseDatabaseWrapper, tables: list[Table]) -> None:
    with conn.cursor() as cur:
        if conn.vendor == "postgresql":
            if tables:
                # CASCADE reaches only empty tables that reference these: all of them are Sublarr's.
                cur.execute("TRUNCATE " + ", ".join(quote(t.name) for t in tables) + " CASCADE")
            return
        for table in reversed(tables):  # children first: SQLite checks foreign keys per statement
            cur.execute(f"DELETE FROM {quote(table.name)}")


def _drop_marker(conn: BaseDatabaseWrapper) -> None:
    with conn.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {MARKER}")
        cur.execute(f"DROP TABLE IF EXISTS {LOOSENED}")


def _text(value: Any) -> str:
    return (
        value
        if isinstance(value, str)
        else value.decode("utf-8", "replace")
        if isinstance(value, bytes)
        else ""
    )


# --- copying --------------------------------------------------------------------------------


def _copy_table(
    src: Any,
    vendor: str,
    conn: BaseDatabaseWrapper,
    table: Table,
    batch: int,
    progress: bool,
    after_batch: AfterBatch | None,
) -> int:
    """Rows after the last key the target already has, in key order; the count written."""
    last = _last_key(conn, table)
    where, params = "", []
    if last is not None:
        column = dbs.order_by(table.pk, vendor, table.text_key)
        where, params = f" WHERE {column} > {dbs.placeholder(vendor)}", [table.key_param(last, vendor)]
    total = _count(src, table.name, where, params)
    columns = ", ".join(quote(c) for c in table.columns)
    sql = (
        f"SELECT {columns} FROM {quote(table.name)}{where} "
        f"ORDER BY {dbs.order_by(table.pk, vendor, table.text_key)}"
    )
    write = _copy_writer(conn, table)
    converters = table.converters(conn)
    done = 0
    with tqdm(total=total, desc=table.name, unit=" rows", disable=not progress, dynamic_ncols=True) as bar:
        for rows in dbs.stream_rows(src, vendor, sql, params, batch):
            if converters:
                rows = [_convert(row, converters) for row in rows]
            try:
                with transaction.atomic(using=conn.alias):
                    write(rows)
            except DjangoDatabaseError as exc:
                raise TransferError(
                    f"{table.name}: the target refused rows after key {last!r}: {str(exc).strip()}"
                ) from None
            done += len(rows)
            last = rows[-1][table.columns.index(table.pk)]
            bar.update(len(rows))
            if after_batch:
                after_batch(table.name, done)
    return done


def _convert(row: Sequence[Any], converters: dict[int, Any]) -> tuple[Any, ...]:
    return tuple(converters[i](v) if i in converters else v for i, v in enumerate(row))


def _last_key(conn: BaseDatabaseWrapper, table: Table) -> Any:
    # The target holds a prefix of the source in key order (one committed batch at a time), so
    # its highest key, in the source's order, is where the copy resumes.
    column = dbs.order_by(table.pk, conn.vendor, table.text_key)
    with conn.cursor() as cur:  # not max(): PostgreSQL has none for uuid
        cur.execute(f"SELECT {quote(table.pk)} FROM {quote(table.name)} ORDER BY {column} DESC LIMIT 1")
        row = cur.fetchone()
    return row[0] if row else None


def _count(src: Any, table: str, where: str, params: list[Any]) -> int:
    cur = src.cursor()
    cur.execute(f"SELECT count(*) FROM {quote(table)}{where}", params)
    return int(cur.fetchone()[0])


def _copy_writer(conn: BaseDatabaseWrapper, table: Table) -> Callable[[list[Any]], None]:
    conn.ensure_connection()
    raw = conn.connection
    columns = ", ".join(quote(c) for c in table.columns)
    if conn.vendor == "postgresql":
        # Batches are resumable, so a crash losing the last commits costs nothing: skip the flush.
        with raw.cursor() as cur:
            cur.execute("SET synchronous_commit TO off")
        copy_sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN WITH (FORMAT csv)"

        def copy(rows: list[Any]) -> None:
            with raw.cursor() as cur:
                cur.copy_expert(copy_sql, _CsvReader(rows))

        return copy
    # Rows whose parent is missing are copied as they are (see `deferred`); the pragma
    # only takes effect outside a transaction, which is where this runs.
    raw.execute("PRAGMA foreign_keys = OFF")
    insert_sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({', '.join('?' * len(table.columns))})"

    def insert(rows: list[Any]) -> None:
        raw.executemany(insert_sql, rows)

    return insert


class _CsvReader:
    """The rows as CSV for COPY, encoded a few hundred rows at a time as COPY reads them.

    Every string is quoted: an unquoted empty field is NULL, "" the empty string. Writing a
    whole batch into one StringIO first held it several times over (seeking a StringIO turns it
    into 4 bytes per character): tens of megabytes for 10,000 long rows.
    """

    CHUNK_ROWS = 500

    def __init__(self, rows: Sequence[Any]) -> None:
        self.rows = rows
        self.done = 0

    def read(self, size: int = -1) -> bytes:  # COPY's reader: any length, b"" at the end
        chunk = self.rows[self.done : self.done + self.CHUNK_ROWS]
        self.done += len(chunk)
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_STRINGS, lineterminator="\n").writerows(chunk)
        return buffer.getvalue().encode()


# --- sequences ------------------------------------------------------------------------------


def _source_sequences(src: Any, vendor: str, tables: list[Table]) -> dict[str, int]:
    """The highest id each table ever handed out, deleted rows included."""
    cur = src.cursor()
    if vendor == "sqlite":
        if "sqlite_sequence" not in dbs.table_names(src, vendor):
            return {}
        cur.execute("SELECT name, seq FROM sqlite_sequence")
        return {name: int(seq or 0) for name, seq in cur.fetchall()}
    out = {}
    for table in (t for t in tables if t.auto_key):
        cur.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table.name), table.pk])
        if (sequence := cur.fetchone()[0]) is None:
            continue
        cur.execute(f"SELECT last_value, is_called FROM {sequence}")
        value, called = cur.fetchone()
        out[table.name] = int(value) if called else 0
    return out


def _reset_sequences(conn: BaseDatabaseWrapper, tables: list[Table], source: dict[str, int]) -> None:
    """Next ids continue past both the highest id copied and the highest the source handed out.

    Legacy AUTOINCREMENT tables never reuse the id of a deleted row (sqlite_sequence remembers
    it); carrying that number over keeps the promise on the other side.
    """
    with transaction.atomic(using=conn.alias), conn.cursor() as cur:
        for table in (t for t in tables if t.auto_key):
            cur.execute(f"SELECT max({quote(table.pk)}) FROM {quote(table.name)}")
            high = max(int(cur.fetchone()[0] or 0), source.get(table.name, 0))
            if conn.vendor == "postgresql":
                cur.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)",
                    [quote(table.name), table.pk, max(high, 1), high > 0],
                )
            else:
                _raise_sqlite_sequence(cur, table.name, high)


def _raise_sqlite_sequence(cur: Any, table: str, high: int) -> None:
    cur.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
    if "AUTOINCREMENT" not in (cur.fetchone()[0] or "").upper():
        return  # a plain rowid table continues after its highest row by itself
    cur.execute("UPDATE sqlite_sequence SET seq = max(seq, %s) WHERE name = %s", [high, table])
    if cur.rowcount == 0:
        cur.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, high])


# --- verifying ------------------------------------------------------------------------------


def verify(src: Any, vendor: str, target: Database, tables: list[Table]) -> list[TableCheck]:
    """Every table compared on both sides, row by row in key order, the target read afresh.

    `src` must stay the reader: it holds the snapshot that was copied.
    """
    dst = dbs.connect_readonly(target)
    try:
        return compare.compare_tables(src, vendor, dst, target.vendor, [t.compare_spec() for t in tables])
    finally:
        dst.close()
