"""A PostgreSQL schema (namespace) as the same comparable data as a SQLite file's (see schema.py)."""

from __future__ import annotations

from typing import Any

from apps.core.legacy.schema import INTERNAL_PREFIXES, Column, ForeignKey, Table

_ON_DELETE = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

_INDEXES = """
SELECT i.relname, array_agg(a.attname ORDER BY k.ord)
FROM pg_index ix
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE n.nspname = %s AND t.relname = %s
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)
GROUP BY i.relname
"""

_CONSTRAINTS = """
SELECT c.contype, array_agg(a.attname ORDER BY k.ord), rt.relname,
       (SELECT array_agg(ra.attname) FROM pg_attribute ra
        WHERE ra.attrelid = c.confrelid AND ra.attnum = ANY (c.confkey)), c.confdeltype
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_class rt ON rt.oid = c.confrelid
CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE n.nspname = %s AND t.relname = %s AND c.contype IN ('p', 'u', 'f')
GROUP BY c.oid, c.contype, rt.relname, c.confrelid, c.confkey, c.confdeltype
"""


def describe_postgres(cursor: Any, schema: str) -> dict[str, Table]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = %s AND table_type = 'BASE TABLE'",
        [schema],
    )
    names = sorted(r[0] for r in cursor.fetchall() if not r[0].startswith(INTERNAL_PREFIXES))
    return {name: _table(cursor, schema, name) for name in names}


def _table(cursor: Any, schema: str, name: str) -> Table:
    table = Table(name)
    cursor.execute(_CONSTRAINTS, [schema, name])
    primary: tuple[str, ...] = ()
    for kind, cols, ref_table, ref_cols, on_delete in cursor.fetchall():
        if kind == "p":
            primary = tuple(cols)
        elif kind == "u":
            table.unique.add(tuple(cols))
        else:
            table.foreign_keys.add(ForeignKey(cols[0], ref_table, ref_cols[0], _ON_DELETE[on_delete]))
    table.primary_key = primary
    cursor.execute(
        "SELECT column_name, data_type, is_nullable, column_default, is_identity "
        "FROM information_schema.columns WHERE table_schema = %s AND table_name = %s"
        " ORDER BY ordinal_position",
        [schema, name],
    )
    for column, data_type, nullable, default, identity in cursor.fetchall():
        pk = primary.index(column) + 1 if column in primary else 0
        table.columns[column] = Column(column, data_type.upper(), nullable == "NO", default, pk)
        table.autoincrement |= identity == "YES"
    cursor.execute(_INDEXES, [schema, name])
    table.indexes = {index: tuple(cols) for index, cols in cursor.fetchall()}
    return table
