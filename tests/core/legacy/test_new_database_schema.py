"""A database that `migrate` creates is, table for table, the schema the legacy head wrote."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from apps.core.legacy.schema import Drift, diff
from tests.core.legacy.conftest import HEAD, schema_of

pytestmark = pytest.mark.sqlite_only

# Indexes that later migrations add on purpose, on top of the legacy schema: (table, index name).
DELIBERATE_ADDITIONS: set[tuple[str, str]] = {
    # core 0002 / providers 0002: the REST API's list pages in their default order.
    ("wanted_items", "idx_wanted_added"),
    ("wanted_items", "idx_wanted_status_added"),
    ("wanted_items", "idx_wanted_type_status_added"),
    ("subtitle_downloads", "idx_subtitle_downloads_added"),
    # core 0003 / providers 0003: /api/v1's wanted summary and download statistics.
    ("wanted_items", "idx_wanted_summary"),
    ("subtitle_downloads", "idx_subtitle_downloads_stats"),
}

# Tables of apps that are not part of the legacy schema (the embedded task queue's bookkeeping).
DELIBERATE_TABLES = {"tasks_scheduledrun", "tasks_workerheartbeat"}


def unexpected(drifts: list[Drift]) -> list[str]:
    return [
        str(d)
        for d in drifts
        if not (d.kind == "extra_index" and (d.table, d.name) in DELIBERATE_ADDITIONS)
        and not (d.kind == "extra_table" and d.table in DELIBERATE_TABLES)
    ]


def test_it_creates_every_legacy_table_and_nothing_else(new_database: Path) -> None:
    assert sorted(schema_of(new_database).keys() - DELIBERATE_TABLES) == sorted(schema_of(HEAD))
    assert len(schema_of(HEAD)) == 28


def test_each_table_has_the_legacy_columns_indexes_uniques_and_foreign_keys(new_database: Path) -> None:
    assert unexpected(diff(schema_of(HEAD), schema_of(new_database))) == []


def test_the_deliberate_additions_exist(new_database: Path) -> None:
    new = schema_of(new_database)
    assert {(t, name) for t, name in DELIBERATE_ADDITIONS if name in new[t].indexes} == DELIBERATE_ADDITIONS


def test_the_comparison_notices_a_changed_default(new_database: Path, tmp_path: Path) -> None:
    # Guard against a comparison that cannot fail: the same file with one default changed differs.
    altered = tmp_path / "altered.db"
    con = sqlite3.connect(altered)
    con.executescript(
        "CREATE TABLE jobs (id TEXT PRIMARY KEY, file_path TEXT NOT NULL,"
        " status TEXT NOT NULL DEFAULT 'done');"
    )
    con.close()
    drifts = diff({"jobs": schema_of(HEAD)["jobs"]}, schema_of(altered))
    assert any(d.kind == "column" and ".status" in d.detail for d in drifts)
    assert any(d.kind == "missing_index" and "idx_jobs_status" in d.detail for d in drifts)


def test_the_legacy_head_has_47_indexes_and_so_does_the_new_database(new_database: Path) -> None:
    legacy_tables = sorted(schema_of(HEAD))

    def count(path: Path) -> int:
        con = sqlite3.connect(path)
        try:
            marks = ", ".join("?" * len(legacy_tables))
            return con.execute(
                f"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks})",
                legacy_tables,
            ).fetchone()[0]
        finally:
            con.close()

    assert count(HEAD) == 47
    assert count(new_database) == 47 + len(DELIBERATE_ADDITIONS)
