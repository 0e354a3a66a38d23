"""Rows as CSV text, written by the databases themselves: for COPY, and for comparing both sides.

The CSV is PostgreSQL's own (`COPY ... WITH (FORMAT csv)`): a NULL is an empty field, text is
always quoted (quotes doubled), integers are bare digits. SQLite writes it with one printf per
row, so Python does nothing per row; each value by its own storage class (SQLite columns may mix
them), and a column whose declared type rules most of them out with plain comparisons instead of
function calls, which are where SQLite's expressions spend their time.

Floating-point numbers: for COPY, Python's repr (the shortest text that reads back as the same
double); for comparing, the IEEE 754 bits themselves, bare ("f3fb999999999999a" for 0.1), which
PostgreSQL writes as `'f' || encode(float8send(x), 'hex')`. A BLOB: for COPY, bytea's hex input
form; for comparing, "b" and its hex, bare. In a comparison, every type has its own shape: text
quoted, integers digits, reals f+hex, bytes b+hex, NULL nothing.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import quote

REPR = "sublarr_repr"  # float -> Python's repr
F64 = "sublarr_f64"  # float -> "f" and the hex of its IEEE 754 bits: SQL has no way to get them
MAX_PRINTF_ARGS = 120  # SQLite functions take at most 127 arguments


def f64_hex(value: float) -> str:
    return "f" + struct.pack(">d", value).hex()


def register_functions(con: Any) -> None:
    """The Python functions the SQLite expressions call, for floating-point values only."""
    con.create_function(REPR, 1, repr, deterministic=True)
    con.create_function(F64, 1, f64_hex, deterministic=True)


def field_sql(column: str, declared: str, *, exact: bool) -> str:
    """A SQLite value as a CSV field; `exact`: floats and bytes as compared, else as COPY reads them."""
    c = quote(column)
    text = f"'\"' || replace({c}, '\"', '\"\"') || '\"'"
    real = f"{F64}({c})" if exact else f"{REPR}({c})"
    blob = f"'b' || lower(hex({c}))" if exact else f"'\"\\x' || hex({c}) || '\"'"  # bytea's input form
    any_value = (
        f"CASE typeof({c}) WHEN 'null' THEN '' WHEN 'text' THEN {text} "
        f"WHEN 'integer' THEN CAST({c} AS TEXT) WHEN 'real' THEN {real} ELSE {blob} END"
    )
    kind = dbs.affinity(declared)
    if kind == "TEXT" and not exact:  # text or NULL: SQLite turns numbers into text here
        return f"CASE WHEN {c} IS NULL THEN '' ELSE {text} END"
    if kind == "TEXT":  # ... or a BLOB, which a comparison tells apart (IS compares storage classes)
        return f"CASE WHEN {c} IS NULL THEN '' WHEN {c} IS CAST({c} AS TEXT) THEN {text} ELSE {any_value} END"
    if kind == "INTEGER":  # integers, but 1.5 or 'abc' stay as they are (' 5' too, and differs)
        integer = f"{c} = CAST({c} AS INTEGER) THEN CAST({c} AS TEXT)"
        return f"CASE WHEN {c} IS NULL THEN '' WHEN {integer} ELSE {any_value} END"
    return any_value


def line_sql(columns: Sequence[str], declared: dict[str, str], *, exact: bool, nul_safe: bool = False) -> str:
    """A row as one CSV line, newline included.

    One printf per row: joining the fields with || would copy the line built so far at every
    step (three times the time for a wide table). But printf's %s stops at a NUL character:
    `nul_safe` joins with || (as a balanced tree) for text that may hold one.
    """
    fields = [field_sql(c, declared.get(c, ""), exact=exact) for c in columns]
    if not nul_safe and len(fields) < MAX_PRINTF_ARGS:
        return f"printf('{','.join(['%s'] * len(fields))}' || char(10), {', '.join(fields)})"
    return dbs.concat_sql([part for f in fields for part in (f, "','")][:-1] + ["char(10)"])


def batch_sql(table: str, key: str, line: str, resume: bool) -> str:
    """(CSV bytes, rows, last key) of the next rows in key order; parameters: [last key,] batch size."""
    k = quote(key)
    where = f" WHERE {k} > ?" if resume else ""
    return (
        f"SELECT CAST(group_concat(line, '') AS BLOB), count(*), max(k) FROM ("
        f"SELECT {line} AS line, {k} AS k FROM {quote(table)}{where} ORDER BY {k} LIMIT ?)"
    )


def postgres_copy_sql(
    table: str, columns: Sequence[str], key: str, text_key: bool, kinds: dict[str, str]
) -> str:
    """COPY TO writing a PostgreSQL table as `field_sql(exact=True)` writes a SQLite one."""
    exprs, quoted = [], []
    for column in columns:
        c, kind = quote(column), kinds[column]
        if kind in {"float4", "float8"}:
            expr = f"'f' || encode(float8send({c}::float8), 'hex')"
        elif kind == "bool":
            expr = f"{c}::int"  # SQLite keeps booleans as 0 and 1
        elif kind in {"int2", "int4", "int8", "oid"}:
            expr = c
        elif kind == "bytea":
            expr = f"'b' || encode({c}, 'hex')"
        else:  # text, and any other type as its text (a timestamp written differently differs)
            expr = f"{c}::text"
            quoted.append(c)
        exprs.append(f"{expr} AS {c}")
    order = dbs.order_by(key, "postgresql", text_key)
    force = f", FORCE_QUOTE ({', '.join(quoted)})" if quoted else ""
    return (
        f"COPY (SELECT {', '.join(exprs)} FROM {quote(table)} ORDER BY {order}) "
        f"TO STDOUT WITH (FORMAT csv{force})"
    )
