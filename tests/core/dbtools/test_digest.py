"""The project's digest is the reference tool's (tests/fixtures/tools/db_manifest.py), in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from apps.core.dbtools import databases as dbs
from apps.core.dbtools.digest import database_manifest, norm, row_lines, table_digest
from tests.core.dbtools.conftest import LEGACY, LEGACY_FILES, ROOT, manifest_of

pytestmark = pytest.mark.sqlite_only

TOOL = ROOT / "tests" / "fixtures" / "tools" / "db_manifest.py"
MANIFEST = json.loads((LEGACY / "MANIFEST.json").read_text())


def tool_output(target: str) -> dict[str, object]:
    result = subprocess.run([sys.executable, str(TOOL), target], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", LEGACY_FILES)
def test_it_equals_the_tool_and_the_fixture_manifest(name: str) -> None:
    ours = manifest_of(dbs.from_url(f"sqlite:///{LEGACY / name}"))

    assert ours == MANIFEST[name]
    assert ours == tool_output(str(LEGACY / name))


def test_it_equals_the_tool_on_an_adopted_file_and_on_postgresql(adopted_legacy, pg_database) -> None:
    from apps.core.dbtools.transfer import transfer

    source = dbs.from_url(f"sqlite:///{adopted_legacy('v14-4d45cc2.db')}")
    target = pg_database()
    transfer(source, target, progress=False)

    assert manifest_of(source) == tool_output(str(source.path))
    url = f"postgres://{target.config['USER']}@{target.config['HOST']}:{target.config['PORT']}/{target.config['NAME']}"
    assert manifest_of(target) == tool_output(url) == manifest_of(source)


@pytest.mark.parametrize("name", ["v14-4d45cc2.db", "up-v13-06004f6.db"])
def test_sorting_in_spilled_runs_gives_the_same_digest(name: str) -> None:
    con = dbs.connect_readonly(dbs.from_url(f"sqlite:///{LEGACY / name}"))
    try:
        assert database_manifest(con, "sqlite", run_rows=3) == MANIFEST[name]
    finally:
        con.close()


def test_it_ignores_row_and_column_order() -> None:
    one = table_digest(["a", "b"], [(1, "x"), (2, None)])
    other = table_digest(["b", "a"], [(None, 2), ("x", 1)], run_rows=1)

    assert one == other == {"rows": 2, "sha256": one["sha256"]}
    assert table_digest(["a"], [(1,)]) != table_digest(["a"], [("1",)])


def test_values_are_normalized_as_the_tool_does() -> None:
    assert [norm(v) for v in (None, True, 3, 0.1 + 0.2, b"\x01\xff", Path("/x"))] == [
        None,
        1,
        3,
        0.3,
        "01ff",
        "/x",
    ]


def tool_line(columns: list[str], row: tuple[object, ...]) -> bytes:
    """One row exactly as ../shared/tools/db_manifest.py writes it before hashing."""
    pairs = sorted((c, norm(v)) for c, v in zip(columns, row, strict=True))
    return (json.dumps(pairs, ensure_ascii=False) + "\n").encode()


def test_the_column_wise_encoder_writes_the_tools_bytes_for_awkward_values() -> None:
    columns = ["z", "b}", "a{", 'c"', "mixed", "é"]
    awkward = [
        (None, True, 0.1 + 0.2, b"\x01\xff", float("inf"), 'a\nb\x00\u2028\x85"{}\\'),
        (False, 2**70, float("nan"), memoryview(b""), -0.0, ""),
        ("text", 1, 1e300, None, 3, Path("/x")),
        (1.5, None, float("-inf"), "1", "x", None),
    ]
    # Every column mixes types, and each one alone takes the fast paths (all text, all ints, all None).
    alike = [r[:1] * 6 for r in awkward] + [tuple("abcdef"), (7,) * 6, (None,) * 6]
    for rows in (awkward, alike, alike[-3:-2] * 2, alike[-2:-1] * 2, alike[-1:] * 2):
        assert list(row_lines(columns, rows)) == [tool_line(columns, r) for r in rows]
    assert list(row_lines(["n"], [(None,), (None,)])) == [b'[["n", null]]\n'] * 2
    assert list(row_lines([], [(), ()])) == [b"[]\n", b"[]\n"]


def test_normalizers_apply_before_encoding() -> None:
    lines = list(row_lines(["a", "b"], [(1, "x"), (2, None)], {"b": lambda v: v and v.upper()}))

    assert lines == [b'[["a", 1], ["b", "X"]]\n', b'[["a", 2], ["b", null]]\n']
