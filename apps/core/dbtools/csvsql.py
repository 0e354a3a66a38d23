"""Rows as CSV text, written by the databases themselves: for COPY, and for comparing both sides.

The CSV is PostgreSQL's own (`COPY ... WITH (FORMAT csv)`): a NULL is an empty field, text is
always quoted (quotes doubled), integers are bare digits. SQLite writes it with one printf per
row, so Python does nothing per row; each value by its own storage class (SQLite columns may mix
them), and a column whose declared type rules most of them out with plain comparisons instead of
function calls, which are where SQLite's expressions spend their time.

Floating-point numbers: for COPY, the shortest text that reads back as the same double, laid
out as PostgreSQL writes a float8 (`pg_float`), so that what COPY TO gives back is, byte for byte,
what was sent; for comparing, the IEEE 754 bits themselves, bare ("f3fb999999999999a" for 0.1),
which PostgreSQL writes as `'f' || encode(float8send(x), 'hex')`. A BLOB: for COPY, bytea's hex
input form, and `BLOBS` counts it; for comparing, "b" and its hex, bare. In a comparison every
type has its own shape: text quoted, integers digits, reals f+hex, bytes b+hex, NULL nothing.
"""

from __future__ import annotations

import math
import struct
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.databases import quote

PG_FLOAT = "sublarr_pg_float"  # float -> its shortest text, as PostgreSQL writes it
BLOB = "sublarr_blob"  # (table, text) -> text, counting the table's BLOB values in BLOBS
F64 = "sublarr_f64"  # float -> "f" and the hex of its IEEE 754 bits: SQL has no way to get them
MAX_PRINTF_ARGS = 120  # SQLite functions take at most 127 arguments


BLOBS: Counter[str] = Counter()  # table -> BLOB values written for COPY (a text column gets their hex)
_blobs_lock = threading.Lock()


def f64_hex(value: float) -> str:
    return "f" + struct.pack(">d", value).hex()


def pg_float(value: float) -> str:
    """repr's shortest digits, laid out as PostgreSQL's float8out: 0.0001, 1e-05, 123456, 1e+15.

    PostgreSQL writes some integral values past 2**53 with one more digit; those then differ
    from what was sent, and the table is compared the slow way, which finds them equal.
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    digits = digits.rstrip("0")
    if not digits:
        return sign + "0"
    if -4 <= point - 1 < 15:
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        if point >= len(digits):
            return sign + digits + "0" * (point - len(digits))
        return f"{sign}{digits[:point]}.{digits[point:]}"
    fraction = f".{digits[1:]}" if len(digits) > 1 else ""
    return f"{sign}{digits[0]}{fraction}e{'+' if point >= 1 else '-'}{abs(point - 1):02d}"


def _count_blob(table: str, text: str) -> str:
    with _blobs_lock:
        BLOBS[table] += 1
    return text


def register_functions(con: Any) -> None:
    """The Python functions the SQLite expressions call, for floating-point values and BLOBs only."""
    con.create_function(PG_FLOAT, 1, pg_float, deterministic=True)
    con.create_function(F64, 1, f64_hex, deterministic=True)
    con.create_function(BLOB, 2, _count_blob)


def field_sql(column: str, declared: str, *, exact: bool, table: str = "") -> str:
    """A SQLite value as a CSV field; `exact`: floats and bytes as compared, else as COPY reads them."""
    c = quote(column)
    text = f"'\"' || replace({c}, '\"', '\"\"') || '\"'"
    real = f"{F64}({c})" if exact else f"{PG_FLOAT}({c})"
    table_name = "'" + table.replace("'", "''") + "'"
    blob = f"'b' || lower(hex({c}))" if exact else f"{BLOB}({table_name}, '\"\\x' || hex({c}) || '\"')"
    any_value = (
        f"CASE typeof({c}) WHEN 'null' THEN '' WHEN 'text' THEN {text} "
        f"WHEN 'integer' THEN CAST({c} AS TEXT) WHEN 'real' THEN {real} ELSE {blob} END"
    )
    kind = dbs.affinity(declared)
    if kind == "TEXT":  # text or NULL (SQLite turns numbers into text here), or a BLOB
        return f"CASE WHEN {c} IS NULL THEN '' WHEN {c} IS CAST({c} AS TEXT) THEN {text} ELSE {any_value} END"
    if kind == "INTEGER":  # integers, but 1.5 or 'abc' stay as they are (' 5' too, and differs)
        integer = f"{c} = CAST({c} AS INTEGER) THEN CAST({c} AS TEXT)"
        return f"CASE WHEN {c} IS NULL THEN '' WHEN {integer} ELSE {any_value} END"
    return any_value


def line_sql(
    columns: Sequence[str], declared: dict[str, str], *, exact: bool, nul_safe: bool = False, table: str = ""
) -> str:
    """A row as one CSV line, newline included.

    One printf per row: joining the fields with || would copy the line built so far at every
    step (three times the time for a wide table). But printf's %s stops at a NUL character:
    `nul_safe` joins with || (as a balanced tree) for text that may hold one.
    """
    fields = [field_sql(c, declared.get(c, ""), exact=exact, table=table) for c in columns]
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
    table: str, columns: Sequence[str], key: str, text_key: bool, kinds: dict[str, str], exact: bool = True
) -> str:
    """COPY TO writing a PostgreSQL table as `field_sql` writes a SQLite one."""
    exprs, quoted = [], []
    for column in columns:
        c, kind = quote(column), kinds[column]
        if kind in {"float4", "float8"}:
            expr = f"'f' || encode(float8send({c}::float8), 'hex')" if exact else c
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
