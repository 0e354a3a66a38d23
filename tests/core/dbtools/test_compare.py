"""compare: a single changed value, NULL, type or row anywhere in the target is found, with its key."""

from __future__ import annotations

import hashlib
import io
import math
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from apps.core.dbtools import compare, csvsql
from apps.core.dbtools import databases as dbs
from apps.core.dbtools.compare import Spec, compare_table
from apps.core.dbtools.databases import Database

pytestmark = pytest.mark.sqlite_only

TEXTS = [
    "",
    "plain",
    'a "quoted" word, and a \\ backslash',
    "new\nline\r\ttab\b\f\x01\x1f\x7f",
    "Ünïcödé ✓ 𝄞 \u2028\u2029 \u00a0",
    "[1, 2]",
    "null",
    "5",
    "'single'",
]
INTS = [0, -1, 7, 2**62, -(2**63)]
FLOATS = [0.1, 0.0, 1 / 3, 1e308, 5e-324, float("inf"), float("-inf"), 123456.0, -2.5, 1e16, 2.5e-5]
SPEC = Spec("t", ("id", "s", "i", "f"), "id", False)


def rows() -> list[tuple[int, str | None, int | None, float | None]]:
    n = max(len(TEXTS), len(INTS), len(FLOATS))
    out = [(k + 1, TEXTS[k % len(TEXTS)], INTS[k % len(INTS)], FLOATS[k % len(FLOATS)]) for k in range(n)]
    return [*out, (n + 1, None, None, None)]


def sqlite_file(path: Path, data: Sequence[tuple[object, ...]], untyped: bool = False) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)  # as connect_readonly
    types = ("", "", "") if untyped else ("TEXT", "INTEGER", "REAL")
    con.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, s {types[0]}, i {types[1]}, f {types[2]})")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", data)
    return con


def pg_copy(
    db: Database, data: Sequence[tuple[object, ...]], float_type: str = "float8"
) -> psycopg2.extensions.connection:
    con = psycopg2.connect(**dbs.pg_params(db))
    with con, con.cursor() as cur:
        cur.execute(f"CREATE TABLE t (id int PRIMARY KEY, s text, i bigint, f {float_type})")
        cur.executemany("INSERT INTO t VALUES (%s, %s, %s, %s)", data)
    return con


def compared(src: Any, src_vendor: str, dst: Any, dst_vendor: str, spec: Spec = SPEC) -> compare.Result:
    result = compare_table(src, src_vendor, dst, dst_vendor, spec)
    if dst_vendor == "postgresql":
        dst.rollback()
    return result


def test_sqlite_and_postgresql_write_the_same_text_for_awkward_values(tmp_path: Path, pg_database) -> None:
    lite = sqlite_file(tmp_path / "a.db", rows())
    pg = pg_copy(pg_database(migrated=False), rows())

    ours = b"".join(data for data, _ in compare.csv_chunks(lite, "sqlite", SPEC))
    no_nul = b"".join(data for data, _ in compare.csv_chunks(lite, "sqlite", SPEC, nul_safe=True))
    theirs = b"".join(data for data, _ in compare.csv_chunks(pg, "postgresql", SPEC))
    lines = [line for batch in compare.line_batches(lite, "sqlite", SPEC) for line in batch]

    assert ours == no_nul == theirs
    assert lines == [line for batch in compare.line_batches(pg, "postgresql", SPEC) for line in batch]
    assert len(set(lines)) == len(rows())
    result = compared(lite, "sqlite", pg, "postgresql")
    assert result.ok and result.source == result.target == {"rows": len(rows())}


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ("UPDATE t SET s = s || ' ' WHERE id = 3", 3),
        ("UPDATE t SET s = NULL WHERE id = 1", 1),  # the empty text became NULL
        ("UPDATE t SET s = '' WHERE id = 12", 12),  # NULL became the empty text
        ("UPDATE t SET i = NULL WHERE id = 4", 4),
        ("UPDATE t SET i = i + 1 WHERE id = 4", 4),
        (f"UPDATE t SET f = {math.nextafter(0.1, 1)!r} WHERE id = 1", 1),  # one unit in the last place
        ("UPDATE t SET f = f::float4 WHERE id = 3", 3),  # 1/3 to single precision and back
        ("DELETE FROM t WHERE id = 6", 6),
        ("INSERT INTO t (id) VALUES (100)", 100),  # a row only the target has
    ],
)
def test_a_single_change_in_postgresql_is_found_with_its_key(
    tmp_path: Path, pg_database, change: str, key: int
) -> None:
    lite = sqlite_file(tmp_path / "a.db", rows())
    pg = pg_copy(pg_database(migrated=False), rows())
    with pg, pg.cursor() as cur:
        cur.execute(change)

    result = compared(lite, "sqlite", pg, "postgresql")

    assert not result.ok and result.first_difference == key


def test_a_real_number_narrowed_to_float4_is_found(tmp_path: Path, pg_database) -> None:
    # What pgloader does with SQLite's REAL columns by default.
    data = [
        r for r in rows() if not (isinstance(r[3], float) and 1e38 < abs(r[3]) < math.inf or r[3] == 5e-324)
    ]
    lite = sqlite_file(tmp_path / "a.db", data)
    pg = pg_copy(pg_database(migrated=False), data, float_type="float4")

    result = compared(lite, "sqlite", pg, "postgresql")

    assert not result.ok and result.first_difference == 1


SAME_LOOKING = [5, "5", 5.0, None, b"5", "5.0", 5.000000000000001, " 5"]


@pytest.mark.parametrize("before", range(len(SAME_LOOKING)))
def test_a_value_of_another_type_in_sqlite_is_found(tmp_path: Path, before: int) -> None:
    # Columns without a declared type keep every value's own type, as legacy files may.
    spec = Spec("t", ("id", "s", "i", "f"), "id", False)
    data = [(k, SAME_LOOKING[before], 1, 1.5) for k in range(1, 4)]
    source = sqlite_file(tmp_path / "source.db", data, untyped=True)
    for index, after in ((i, v) for i, v in enumerate(SAME_LOOKING) if i != before):
        target = sqlite_file(tmp_path / f"target-{index}.db", data, untyped=True)
        target.execute("UPDATE t SET s = ? WHERE id = 2", [after])

        result = compared(source, "sqlite", target, "sqlite", spec)

        assert not result.ok and result.first_difference == 2, (SAME_LOOKING[before], after)
        assert compared(source, "sqlite", source, "sqlite", spec).ok


def test_equal_tables_in_two_sqlite_files_are_equal(tmp_path: Path) -> None:
    source = sqlite_file(tmp_path / "a.db", rows())
    target = sqlite_file(tmp_path / "b.db", list(reversed(rows())))  # another physical order

    assert compared(source, "sqlite", target, "sqlite").ok


def test_tables_with_normalized_values_are_compared_in_python(tmp_path: Path, pg_database) -> None:
    spec = Spec("t", ("id", "s", "i", "f"), "id", False, {"s": lambda v: v and v.strip()})
    lite = sqlite_file(tmp_path / "a.db", [(1, " x ", 1, 1.0), (2, "y", 2, 0.1)])
    pg = pg_copy(pg_database(migrated=False), [(1, "x", 1, 1.0), (2, "y", 2, 0.1)])

    assert compared(lite, "sqlite", pg, "postgresql", spec).ok
    with pg, pg.cursor() as cur:
        cur.execute("UPDATE t SET f = 0.1000000000000001 WHERE id = 2")
    assert compared(lite, "sqlite", pg, "postgresql", spec).first_difference == 2


def test_floats_are_sent_as_postgresql_writes_them(pg_database) -> None:
    values = [0.1, 0.0, 1.0, -2.5, 123456.0, 1e15, 1e14, 999999999999999.0, 1e16, 0.0001, 0.00001, 1.5e-5]
    values += [5e-324, 1e308, 1 / 3, 1e22, 123.456, math.inf, -math.inf, math.nan]
    values += [1.234567 * 10.0**k for k in range(-30, 30)] + [10.0**k for k in range(-30, 30)]
    con = psycopg2.connect(**dbs.pg_params(pg_database(migrated=False)))
    try:
        with con.cursor() as cur:
            cur.execute("SELECT x::text FROM unnest(%s::float8[]) x", [values])
            theirs = [r[0] for r in cur.fetchall()]
    finally:
        con.close()

    assert [csvsql.pg_float(v) for v in values] == theirs


def test_a_copy_is_read_back_as_sent_unless_a_value_changed(tmp_path: Path, pg_database) -> None:
    data = [r for r in rows() if r[3] is None or abs(r[3]) < 1e300]
    lite = sqlite_file(tmp_path / "a.db", data)
    csvsql.register_functions(lite)
    declared = dbs.declared_types(lite, "t")
    line = csvsql.line_sql(SPEC.columns, declared, exact=False, table="t")
    sent = lite.execute(csvsql.batch_sql("t", "id", line, resume=False), [1000]).fetchone()[0]
    pg = pg_copy(pg_database(migrated=False), [])
    with pg, pg.cursor() as cur:
        cur.copy_expert("COPY t FROM STDIN WITH (FORMAT csv)", io.BytesIO(sent))
    sha = hashlib.sha256(sent).hexdigest()

    assert compare.matches_sent(pg, SPEC, sha, len(data), declared) is not None
    assert compare.matches_sent(pg, SPEC, sha, len(data), {**declared, "f": "NUMERIC"}) is None  # 5 or 5.0?
    with pg, pg.cursor() as cur:
        cur.execute("UPDATE t SET f = f::float4 WHERE id = 3")
    assert compare.matches_sent(pg, SPEC, sha, len(data), declared) is None
