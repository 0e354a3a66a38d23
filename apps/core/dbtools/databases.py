"""Databases named by URL or settings: labels, raw read-only connections, Django aliases.

The source of a transfer and the database being backed up are read through plain DB-API
connections opened read-only (SQLite `mode=ro`, a PostgreSQL READ ONLY transaction), so nothing
done here can write to them. Targets go through Django (an extra connection alias) so that
`migrate` and the model metadata apply to them.

Django is imported only where it is used: `digest`, `csvsql` and `compare` build on this module
without it.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2

BATCH_ROWS = 10_000
_aliases = itertools.count(1)


class DatabaseError(Exception):
    """A database cannot be used as asked; the message is one line for the user."""


@dataclass(frozen=True)
class Database:
    config: dict[str, Any]  # a Django DATABASES entry

    @property
    def vendor(self) -> str:
        return "postgresql" if "postgresql" in self.config["ENGINE"] else "sqlite"

    @property
    def path(self) -> Path:
        return Path(self.config["NAME"]).expanduser().resolve()

    @property
    def label(self) -> str:
        """Where the database is, without its password."""
        if self.vendor == "sqlite":
            return f"sqlite:///{self.path}"
        c = self.config
        server = f"{c.get('HOST') or 'localhost'}:{c.get('PORT') or 5432}"
        return f"postgres://{c.get('USER') or ''}@{server}/{c['NAME']}"


def from_url(url: str) -> Database:
    from django.core.exceptions import ImproperlyConfigured

    from sublarr.database import database_from_url

    try:
        return Database(database_from_url(url))
    except ImproperlyConfigured as exc:
        raise DatabaseError(str(exc).replace("SUBLARR_DATABASE_URL: ", "")) from None


def current(alias: str = "default") -> Database:
    from django.conf import settings

    return Database(dict(settings.DATABASES[alias]))


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- raw read-only connections --------------------------------------------------------------


def pg_params(db: Database) -> dict[str, Any]:
    c = db.config
    params = {
        "dbname": c["NAME"],
        "user": c.get("USER") or None,
        "password": c.get("PASSWORD") or None,
        "host": c.get("HOST") or None,
        "port": c.get("PORT") or None,
    }
    params.update({k: v for k, v in (c.get("OPTIONS") or {}).items() if k in {"sslmode", "sslrootcert"}})
    return {k: v for k, v in params.items() if v is not None}


def connect_readonly(db: Database) -> Any:
    """A connection that cannot write, holding one snapshot until it is closed.

    Every table is then read as of the same moment, even while Sublarr keeps running.
    """
    if db.vendor == "sqlite":
        if not db.path.is_file():
            raise DatabaseError(f"{db.path}: no such database file")
        # Shared between threads (a transfer copies tables concurrently), which take turns: the
        # snapshot belongs to this one connection.
        con = sqlite3.connect(
            db.path.as_uri() + "?mode=ro",
            uri=True,
            isolation_level=None,
            timeout=20,
            check_same_thread=False,
        )
        try:
            con.execute("BEGIN")
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
        except sqlite3.DatabaseError as exc:
            con.close()
            raise DatabaseError(f"{db.path}: cannot read the database: {exc}") from None
        return con
    try:
        con = psycopg2.connect(**pg_params(db))
    except psycopg2.Error as exc:
        raise DatabaseError(f"{db.label}: cannot connect: {str(exc).strip()}") from None
    con.set_session(isolation_level="REPEATABLE READ", readonly=True)
    with con.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
    return con


def connect_writable(db: Database) -> Any:
    """A PostgreSQL connection that writes to `db`, its text in UTF-8."""
    con = psycopg2.connect(**pg_params(db))
    con.set_client_encoding("UTF8")
    return con


class ThreadConnections:
    """One connection per thread, opened by `connect` on the thread's first `get()`.

    Tables worked on by a pool of threads reuse their thread's connection instead of opening one
    each: a new PostgreSQL connection costs the server a process and its catalog caches, which
    for a small table is most of the work. `close()` closes every connection opened.
    """

    def __init__(self, connect: Callable[[], Any]) -> None:
        self._connect = connect
        self._local = threading.local()
        self._opened: list[Any] = []
        self._lock = threading.Lock()

    def get(self) -> Any:
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._connect()
            with self._lock:
                self._opened.append(con)
        return con

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for con in opened:
            con.close()


def table_names(con: Any, vendor: str) -> set[str]:
    cur = con.cursor()
    if vendor == "sqlite":
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cur.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    return {r[0] for r in cur.fetchall()}


def table_columns(con: Any, table: str) -> list[str]:
    cur = con.cursor()
    cur.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")
    return [d[0] for d in cur.description]


def affinity(declared: str) -> str:
    """SQLite's column affinity of a declared type (https://sqlite.org/datatype3.html, 3.1)."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in kind or not kind:
        return "BLOB"
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def concat_sql(parts: Sequence[str]) -> str:
    """SQL joining `parts` with ||, as a balanced tree: SQLite copies the string built so far at
    every ||, so a flat chain of n parts copies each byte about n/2 times, a tree log2(n) times."""
    if len(parts) <= 2:
        return " || ".join(parts) or "''"
    middle = len(parts) // 2
    return f"({concat_sql(parts[:middle])}) || ({concat_sql(parts[middle:])})"


def declared_types(con: Any, table: str) -> dict[str, str]:
    """Column -> its declared type, of a SQLite table."""
    return {r[1]: r[2] or "" for r in con.execute(f"PRAGMA table_info({quote(table)})")}


def applied_migrations(con: Any, vendor: str) -> set[tuple[str, str]]:
    if "django_migrations" not in table_names(con, vendor):
        return set()
    cur = con.cursor()
    cur.execute("SELECT app, name FROM django_migrations")
    return {(app, name) for app, name in cur.fetchall()}


def order_by(pk: str, vendor: str, text_key: bool) -> str:
    # SQLite orders text keys by their bytes; PostgreSQL by the database's collation unless told
    # "C". Both sides must agree on the order, or resuming after the last copied key skips rows.
    collate = ' COLLATE "C"' if text_key and vendor == "postgresql" else ""
    return f"{quote(pk)}{collate}"


def stream_rows(
    con: Any, vendor: str, sql: str, params: Sequence[Any] = (), batch: int = BATCH_ROWS
) -> Iterator[list[tuple[Any, ...]]]:
    """The query's rows in lists of at most `batch`, never the whole result in memory."""
    if vendor == "postgresql":
        # A named (server-side) cursor; a plain one would fetch every row at once.
        cur = con.cursor(name=f"sublarr_stream_{next(_aliases)}")
        cur.itersize = batch
    else:
        cur = con.cursor()
    cur.execute(sql, params)
    try:
        while rows := cur.fetchmany(batch):
            yield rows
    finally:
        cur.close()


def placeholder(vendor: str) -> str:
    return "%s" if vendor == "postgresql" else "?"


# --- Django aliases for targets -------------------------------------------------------------


@contextmanager
def django_alias(db: Database) -> Iterator[str]:
    """The database as an extra Django connection alias, removed again afterwards."""
    from django.db import connections

    alias = f"sublarr_dbtools_{next(_aliases)}"
    # configure_settings fills in Django's defaults; it insists on seeing a 'default' entry.
    configured = connections.configure_settings(
        {"default": {**connections.settings["default"]}, alias: dict(db.config)}
    )
    connections.settings[alias] = configured[alias]
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
