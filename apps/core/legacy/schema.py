"""A SQLite file's schema as comparable data, and the differences between two schemas.

Columns are compared by name (never position: the legacy start-up appended columns with ALTER
TABLE, so an upgraded file orders them differently from a new one), with declared type, NOT NULL,
default text and primary-key position as PRAGMA table_info reports them. Indexes are compared by
name; the automatic indexes behind UNIQUE and text primary keys by their column sets.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

INTERNAL_PREFIXES = ("sqlite_", "django_", "auth_")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    notnull: bool
    default: str | None
    pk: int

    def describe(self) -> str:
        parts = [self.type or "(no type)"]
        if self.pk:
            parts.append("PRIMARY KEY")
        if self.notnull:
            parts.append("NOT NULL")
        if self.default is not None:
            parts.append(f"DEFAULT {self.default}")
        return " ".join(parts)


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    to_column: str
    on_delete: str


@dataclass
class Table:
    name: str
    columns: dict[str, Column] = field(default_factory=dict)
    indexes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # named (CREATE INDEX)
    unique: set[tuple[str, ...]] = field(default_factory=set)  # UNIQUE constraints and columns
    primary_key: tuple[str, ...] = ()
    foreign_keys: set[ForeignKey] = field(default_factory=set)
    autoincrement: bool = False


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def describe(con: sqlite3.Connection, *, include_internal: bool = False) -> dict[str, Table]:
    """Read the schema of every table of an open SQLite connection."""
    rows = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    tables: dict[str, Table] = {}
    for name, sql in rows:
        if not include_internal and name.startswith(INTERNAL_PREFIXES):
            continue
        table = Table(name, autoincrement="AUTOINCREMENT" in (sql or "").upper())
        info = con.execute(f"PRAGMA table_info({quote(name)})").fetchall()
        for _cid, col, typ, notnull, default, pk in info:
            table.columns[col] = Column(col, (typ or "").upper(), bool(notnull), default, pk)
        table.primary_key = tuple(c.name for c in sorted(table.columns.values(), key=lambda c: c.pk) if c.pk)
        for _seq, index, _unique, origin, _partial in con.execute(f"PRAGMA index_list({quote(name)})"):
            cols = tuple(r[2] for r in con.execute(f"PRAGMA index_info({quote(index)})"))
            if origin == "c":
                table.indexes[index] = cols
            elif origin == "u":
                table.unique.add(cols)
        for row in con.execute(f"PRAGMA foreign_key_list({quote(name)})"):
            table.foreign_keys.add(ForeignKey(row[3], row[2], row[4], row[6]))
        tables[name] = table
    return tables


@dataclass(frozen=True)
class Drift:
    """One difference between the expected schema and a database's."""

    kind: str  # missing_table, extra_table, missing_column, extra_column, column, ...
    table: str
    detail: str
    name: str = ""  # the column or index concerned, if any

    @property
    def is_addition(self) -> bool:
        """Something the user added that the models don't know: kept and reported, never dropped."""
        return self.kind.startswith("extra_")

    def __str__(self) -> str:
        return f"{self.kind.replace('_', ' ')}: {self.table}{self.detail}"


def diff(expected: dict[str, Table], actual: dict[str, Table]) -> list[Drift]:
    """Every way `actual` differs from `expected`, in a stable order."""
    drifts: list[Drift] = []
    for name in sorted(expected.keys() - actual.keys()):
        drifts.append(Drift("missing_table", name, ""))
    for name in sorted(actual.keys() - expected.keys()):
        drifts.append(Drift("extra_table", name, ""))
    for name in sorted(expected.keys() & actual.keys()):
        drifts.extend(_diff_table(expected[name], actual[name]))
    return drifts


def _diff_table(want: Table, have: Table) -> list[Drift]:
    t = want.name
    out: list[Drift] = []
    for col in sorted(want.columns.keys() - have.columns.keys()):
        out.append(Drift("missing_column", t, f".{col} ({want.columns[col].describe()})", col))
    for col in sorted(have.columns.keys() - want.columns.keys()):
        out.append(Drift("extra_column", t, f".{col} ({have.columns[col].describe()})", col))
    for col in sorted(want.columns.keys() & have.columns.keys()):
        w, h = want.columns[col], have.columns[col]
        if w != h:
            out.append(Drift("column", t, f".{col}: expected {w.describe()}, found {h.describe()}", col))
    for index in sorted(want.indexes.keys() - have.indexes.keys()):
        out.append(Drift("missing_index", t, f" index {index} ({', '.join(want.indexes[index])})", index))
    for index in sorted(have.indexes.keys() - want.indexes.keys()):
        out.append(Drift("extra_index", t, f" index {index} ({', '.join(have.indexes[index])})", index))
    for index in sorted(want.indexes.keys() & have.indexes.keys()):
        if want.indexes[index] != have.indexes[index]:
            out.append(
                Drift(
                    "index",
                    t,
                    f" index {index}: expected columns {want.indexes[index]}, found {have.indexes[index]}",
                    index,
                )
            )
    for cols in sorted(want.unique - have.unique):
        out.append(Drift("missing_unique", t, f" UNIQUE({', '.join(cols)})"))
    for cols in sorted(have.unique - want.unique):
        out.append(Drift("extra_unique", t, f" UNIQUE({', '.join(cols)})"))
    for fk in sorted(want.foreign_keys - have.foreign_keys, key=str):
        out.append(
            Drift(
                "missing_foreign_key",
                t,
                f".{fk.column} -> {fk.table}.{fk.to_column} ON DELETE {fk.on_delete}",
            )
        )
    for fk in sorted(have.foreign_keys - want.foreign_keys, key=str):
        out.append(
            Drift(
                "extra_foreign_key", t, f".{fk.column} -> {fk.table}.{fk.to_column} ON DELETE {fk.on_delete}"
            )
        )
    if want.autoincrement != have.autoincrement:
        out.append(Drift("autoincrement", t, f": expected {want.autoincrement}, found {have.autoincrement}"))
    return out
