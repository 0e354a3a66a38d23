"""Copy every Sublarr table from one database to another (SQLite <-> PostgreSQL) and prove it.

The target is migrated by Django, then each table is streamed in primary-key order, one batch per
committed transaction. A marker table on the target names the source while a transfer is under
way, so a run that was interrupted resumes after the last key the target holds instead of
refusing the target as foreign. At the end, sequences are set past the highest id the source ever
handed out, and every table's row count and digest are compared on both sides.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.core.management import call_command
from django.db import DatabaseError as DjangoDatabaseError
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from tqdm import tqdm

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import BATCH_ROWS, Database, quote
from apps.core.dbtools.digest import DigestSpec, digest_database, digest_tables
from apps.core.dbtools.tables import MIGRATE_SEEDED, Table, transfer_tables

MARKER = "sublarr_transfer_marker"
# Foreign keys set aside on a PostgreSQL target while rows without a parent are copied.
LOOSENED = "sublarr_transfer_loosened"
# From this many source rows on, verification digests the two sides in two processes; below it,
# starting a process (Django's imports included) costs more than it saves.
PARALLEL_MIN_ROWS = 100_000
AfterBatch = Callable[[str, int], None]


class TransferError(Exception):
    """The transfer cannot go ahead or did not complete; one line for the user."""


@dataclass(frozen=True)
class TableCheck:
    table: str
    source: dict[str, Any]  # {"rows": n, "sha256": hex}
    target: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass
class Report:
    source: str
    target: str
    resumed: bool = False
    copied: dict[str, int] = field(default_factory=dict)  # rows written by this run, per table
    left_out: list[str] = field(default_factory=list)  # source tables/columns Sublarr does not know
    checks: list[TableCheck] = field(default_factory=list)
    copy_seconds: float = 0.0  # migrating, copying and sequences
    verify_seconds: float = 0.0

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
) -> Report:
    """Copy `source` into `target` and verify it; the source is only ever read."""
    if source.label == target.label:
        raise TransferError(f"the source and the target are the same database ({source.label})")
    tables = transfer_tables()
    report = Report(source.label, target.label)
    src = dbs.connect_readonly(source)
    started = time.monotonic()
    try:
        _check_source(src, source.vendor, tables, report)
        if source.vendor == "sqlite" and target.vendor == "postgresql":
            _refuse_nul_characters(src, tables)
        with dbs.django_alias(target) as alias:
            conn = connections[alias]
            report.resumed = _prepare_target(conn, alias, source, tables, replace)
            for table in tables:
                report.copied[table.name] = _copy_table(
                    src, source.vendor, conn, table, batch, progress, after_batch
                )
            _restore_foreign_keys(conn)
            _reset_sequences(conn, tables, _source_sequences(src, source.vendor, tables))
            _drop_marker(conn)
        report.copy_seconds = time.monotonic() - started
        report.checks = verify(src, source.vendor, target, tables)
        report.verify_seconds = time.monotonic() - started - report.copy_seconds
    finally:
        src.close()
    return report


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
        found = " OR ".join(f"instr(CAST({quote(c)} AS BLOB), x'00') > 0" for c in table.columns)
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
    call_command("migrate", database=alias, verbosity=0, interactive=False)
    with transaction.atomic(using=alias):
        present = set(conn.introspection.table_names())
        _empty(conn, [t for t in tables if t.name in present and _has_rows(conn, t.name)])
        if LOOSENED in present:  # set aside by an unfinished transfer; the tables are empty now
            _restore_foreign_keys(conn)
        with conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {MARKER}")
            cur.execute(f"CREATE TABLE {MARKER} (source TEXT NOT NULL)")
            cur.execute(f"INSERT INTO {MARKER} (source) VALUES (%s)", [source.label])
            cur.execute(f"DROP TABLE IF EXISTS {LOOSENED}")
            if conn.vendor == "postgresql":
                cur.execute(f"CREATE TABLE {LOOSENED} (table_name TEXT, name TEXT, definition TEXT)")
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
    loader = MigrationLoader(conn, ignore_no_migrations=True)
    if missing := set(loader.disk_migrations) - set(loader.applied_migrations):
        raise TransferError(f"the target lacks migrations ({len(missing)}); use --replace to start over")


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


# --- rows whose parent is missing -----------------------------------------------------------
# Legacy Sublarr never turned SQLite's foreign keys on, so deleting a language profile left the
# series_language_profiles / movie_language_profiles rows that named it (ON DELETE CASCADE never
# ran). They are the user's rows, and an adopted file keeps them: SQLite checks new rows only.
# The copy keeps them too. On PostgreSQL the constraint is set aside while the table is copied,
# then put back NOT VALID, which is the same promise: new and changed rows are checked, old rows
# are kept. On SQLite, foreign keys are off while copying.


def _first_orphan(src: Any, table: Table, column: str, parent: str, parent_column: str) -> Any:
    cur = src.cursor()
    child, key = f"c.{quote(column)}", f"p.{quote(parent_column)}"
    cur.execute(
        f"SELECT c.{quote(table.pk)} FROM {quote(table.name)} c WHERE {child} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {quote(parent)} p WHERE {key} = {child}) LIMIT 1"
    )
    row = cur.fetchone()
    return None if row is None else row[0]


def _loosen_foreign_keys(src: Any, conn: BaseDatabaseWrapper, table: Table) -> None:
    """Set aside (and record) the target's foreign keys that rows of the source break."""
    for column, parent, parent_column in table.foreign_keys:
        if _first_orphan(src, table, column, parent, parent_column) is None:
            continue
        with transaction.atomic(using=conn.alias), conn.cursor() as cur:
            cur.execute(
                "SELECT con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
                "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey) "
                "WHERE con.contype = 'f' AND con.conrelid = %s::regclass AND a.attname = %s",
                [quote(table.name), column],
            )
            for name, definition in cur.fetchall():
                cur.execute(f"INSERT INTO {LOOSENED} VALUES (%s, %s, %s)", [table.name, name, definition])
                cur.execute(f"ALTER TABLE {quote(table.name)} DROP CONSTRAINT {quote(name)}")


def _restore_foreign_keys(conn: BaseDatabaseWrapper) -> None:
    if conn.vendor != "postgresql" or LOOSENED not in conn.introspection.table_names():
        return
    with transaction.atomic(using=conn.alias), conn.cursor() as cur:
        cur.execute(f"SELECT table_name, name, definition FROM {LOOSENED}")
        for table, name, definition in cur.fetchall():
            cur.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition} NOT VALID")
        cur.execute(f"DELETE FROM {LOOSENED}")


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
    if conn.vendor == "postgresql" and table.foreign_keys and total:
        _loosen_foreign_keys(src, conn, table)
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
    # Rows whose parent is missing are copied as they are (see _loosen_foreign_keys); the pragma
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


def verify(
    src: Any, vendor: str, target: Database, tables: list[Table], parallel: bool | None = None
) -> list[TableCheck]:
    """Row count and digest of every table on both sides, the target read afresh.

    Digesting is mostly Python work (encoding rows), so for large databases the target is
    digested in a worker process while this one digests the source through `src`, which must
    stay the reader: it holds the snapshot that was copied. `parallel` None: when large.
    """
    specs = [DigestSpec(t.name, t.columns, t.normalizers()) for t in tables]
    if parallel is None:
        parallel = sum(_count(src, t.name, "", []) for t in tables) >= PARALLEL_MIN_ROWS
    if parallel:
        # spawn, not fork: a forked child would share this process's open database sockets.
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            target_side = pool.submit(digest_database, target, specs)
            source = digest_tables(src, vendor, specs)
            there = target_side.result()
    else:
        source = digest_tables(src, vendor, specs)
        there = digest_database(target, specs)
    return [TableCheck(t.name, a, b) for t, a, b in zip(tables, source, there, strict=True)]
