"""Rows inserted the legacy way (raw SQL naming only the required columns) get the legacy defaults.

Runs on every database the suite runs on: the expected values come from the legacy head's DDL,
evaluated by SQLite itself, never from the models under test.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection

from apps.core.legacy.schema import Column, Table, describe
from tests.core.legacy.conftest import HEAD

SQL_NOW = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
NOW_DEFAULTS = {"datetime('now')", "CURRENT_TIMESTAMP"}


def legacy_tables() -> dict[str, Table]:
    con = sqlite3.connect(f"file:{HEAD}?mode=ro", uri=True)
    try:
        return describe(con)
    finally:
        con.close()


def evaluate(default: str) -> Any:
    """What SQLite stores for a DEFAULT clause (the legacy semantics)."""
    return sqlite3.connect(":memory:").execute(f"SELECT {default}").fetchone()[0]


def required_value(table: Table, column: Column, profile_id: int | None) -> Any:
    if column.name == "profile_id":
        return profile_id
    if column.type == "INTEGER":
        return 7
    if column.type == "REAL":
        return 1.5
    return f"{table.name}.{column.name}"


def is_required(table: Table, column: Column) -> bool:
    autoincrement_id = column.pk and table.autoincrement
    return bool(column.notnull or column.pk) and column.default is None and not autoincrement_id


TABLES = legacy_tables()
# language_profiles first: the two *_language_profiles tables reference it.
ORDER = sorted(TABLES, key=lambda name: (name != "language_profiles", name))


def insert_required_only(table: Table, profile_id: int | None) -> dict[str, Any]:
    required = [c for c in table.columns.values() if is_required(table, c)]
    values = [required_value(table, c, profile_id) for c in required]
    names = ", ".join(connection.ops.quote_name(c.name) for c in required)
    placeholders = ", ".join(["%s"] * len(required))
    columns = list(table.columns)
    # CAST keeps SQLite's driver from turning the TIMESTAMP-declared columns into datetimes.
    select = ", ".join(
        f"CAST({connection.ops.quote_name(c)} AS TEXT)"
        if table.columns[c].type == "TIMESTAMP"
        else connection.ops.quote_name(c)
        for c in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table.name} ({names}) VALUES ({placeholders})", values)
        cursor.execute(f"SELECT {select} FROM {table.name}")
        rows = cursor.fetchall()
    assert len(rows) == 1
    return dict(zip(columns, rows[0], strict=True))


@pytest.mark.django_db
def test_every_table_fills_in_the_legacy_defaults() -> None:
    started = datetime.now(UTC).replace(tzinfo=None)
    profile_id = None
    checked = 0
    for name in ORDER:
        table = TABLES[name]
        row = insert_required_only(table, profile_id)
        if name == "language_profiles":
            profile_id = row["id"]
        for column in table.columns.values():
            if column.default is None:
                continue
            checked += 1
            if column.default in NOW_DEFAULTS:
                assert SQL_NOW.match(row[column.name]), (name, column.name, row[column.name])
                stamp = datetime.strptime(row[column.name], "%Y-%m-%d %H:%M:%S")
                assert abs(stamp - started) < timedelta(minutes=2), (name, column.name)
            else:
                assert row[column.name] == evaluate(column.default), (name, column.name)
    # Every defaulted column of the legacy head was checked (a count, so no table slips through).
    assert checked == sum(1 for t in TABLES.values() for c in t.columns.values() if c.default is not None)
    assert checked > 100


@pytest.mark.django_db
def test_the_orm_reads_the_defaulted_rows_with_python_types() -> None:
    from apps.core.models import WantedItem
    from apps.hooks.models import WebhookConfig

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wanted_items (item_type, file_path, added_at, updated_at)"
            " VALUES ('episode', '/tv/a.mkv', 'x', 'x')"
        )
        cursor.execute("INSERT INTO webhook_configs (name, event_name, url) VALUES ('n', 'e', 'http://h')")
    item = WantedItem.objects.get()
    assert (item.status, item.subtitle_type, item.upgrade_candidate, item.missing_languages) == (
        "wanted",
        "full",
        False,
        "[]",
    )
    hook = WebhookConfig.objects.get()
    assert hook.enabled is True and hook.retry_count == 3 and hook.timeout_seconds == 10


@pytest.mark.django_db
def test_timestamp_defaults_come_back_from_create_as_the_stored_text() -> None:
    from apps.standalone.models import AnidbMapping

    created = AnidbMapping.objects.create(tvdb_id=1, anidb_id=2)
    (bulk,) = AnidbMapping.objects.bulk_create([AnidbMapping(tvdb_id=3, anidb_id=4)])

    for value in (created.created_at, created.last_used, bulk.created_at):
        assert isinstance(value, str) and SQL_NOW.match(value), value
    assert AnidbMapping.objects.get(tvdb_id=1).created_at == created.created_at
