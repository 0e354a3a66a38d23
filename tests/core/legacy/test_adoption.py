"""`migrate` adopts every legacy database, at each of its 14 versions, without losing a value."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from apps.core.legacy.schema import diff
from tests.core.legacy import read_all_rows as rows
from tests.core.legacy.conftest import LEGACY, LEGACY_FILES, schema_of
from tests.core.legacy.digest import manifest, rows_of

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

MANIFEST = json.loads((LEGACY / "MANIFEST.json").read_text())


def backups_of(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.stem}.pre-adoption-*.db"))


@pytest.fixture
def read_all_rows(django_db_blocker) -> Callable[[Path], dict[str, int]]:
    """Row counts by table, every row read through the ORM from the file (outside the test database)."""

    def read(db: Path) -> dict[str, int]:
        with django_db_blocker.unblock():
            return rows.read_all_rows(db)

    return read


@pytest.mark.parametrize("name", LEGACY_FILES)
def test_migrate_adopts_the_file_keeping_every_value(
    name: str, migrated_once, legacy_copy, manage_here, new_database: Path, read_all_rows
) -> None:
    # The file adopted by `migrate`, once per session (tests/adopted.py) for every test
    # that needs it; the checks on it are these.
    first = migrated_once(name)
    adopted = first.db

    assert "Adopted the legacy database" in first.stdout
    # The schema is exactly the one a new database gets.
    assert [str(d) for d in diff(schema_of(new_database), schema_of(adopted))] == []
    # Every original value of every original column is still there.
    assert manifest(adopted, like=LEGACY / name) == MANIFEST[name]
    # The backup holds the file as it was.
    (backup,) = backups_of(adopted)
    assert str(backup) in first.stdout
    assert manifest(backup) == MANIFEST[name]

    # A second `migrate`, on a copy of the adopted file: nothing to do, nothing changed, no backup.
    db = legacy_copy(adopted)
    before_second = manifest(db)
    assert before_second == manifest(adopted)
    second = manage_here(db, "migrate")
    assert "Adopted" not in second and "No migrations to apply" in second
    assert manifest(db) == before_second and backups_of(db) == []

    counts = read_all_rows(db)
    assert len(counts) == 28
    assert counts == {table: entry["rows"] for table, entry in manifest(db).items() if table in counts}


TWINS = sorted(n[3:] for n in LEGACY_FILES if n.startswith("up-"))


@pytest.mark.parametrize("name", TWINS)
def test_a_raw_file_and_its_upgraded_twin_end_with_the_same_data(name: str, migrated_once) -> None:
    # Both adopted by `migrate`, once per session (tests/adopted.py).
    raw, up = migrated_once(name).db, migrated_once(f"up-{name}").db

    # The 'Default' profile was seeded by adoption in one, by the legacy start-up in the other:
    # only its timestamps may differ.
    seeded_here = "language_profiles" not in MANIFEST[name]
    for table in manifest(raw):
        raw_rows, up_rows = rows_of(raw, table), rows_of(up, table)
        if table == "language_profiles" and seeded_here:
            raw_rows, up_rows = _without_seed_timestamps(raw_rows), _without_seed_timestamps(up_rows)
        assert raw_rows == up_rows, table


def _without_seed_timestamps(rows: list[str]) -> list[str]:
    out = []
    for text in rows:
        row = dict(json.loads(text))
        if row["name"] == "Default":
            row.pop("created_at"), row.pop("updated_at")
        out.append(json.dumps(sorted(row.items())))
    return sorted(out)


def test_the_seeded_default_profile_uses_the_configured_languages(legacy_copy, manage_here) -> None:
    db = legacy_copy("v01-7ac1e90.db")
    con = sqlite3.connect(db)
    con.execute("UPDATE config_entries SET value = 'fr' WHERE key = 'target_language'")
    con.execute("INSERT INTO config_entries VALUES ('source_language', 'ja', '2026-01-01T00:00:00')")
    con.commit()
    con.close()

    manage_here(db, "migrate")

    con = sqlite3.connect(db)
    row = con.execute(
        "SELECT name, source_language, source_language_name, target_languages_json,"
        " target_language_names_json, is_default FROM language_profiles"
    ).fetchall()
    assert row == [("Default", "ja", "Japanese", '["fr"]', '["French"]', 1)]


def test_check_prints_the_plan_and_row_counts_and_changes_nothing(legacy_copy, manage_here) -> None:
    db = legacy_copy("v03-9bc55dc.db")
    before = db.read_bytes()

    printed = manage_here(db, "adopt_legacy", "--check")

    assert "legacy schema v03" in printed
    assert "add column wanted_items.subtitle_type (TEXT DEFAULT 'full')" in printed
    assert "create table hook_log" in printed
    assert "seed the 'Default' language profile (en -> de)" in printed
    rows = MANIFEST["v03-9bc55dc.db"]["wanted_items"]["rows"]
    assert re.search(rf"^  wanted_items +{rows:,}$", printed, re.MULTILINE)
    assert db.read_bytes() == before and backups_of(db) == []


def test_user_additions_are_kept_and_reported(legacy_copy, manage_here) -> None:
    db = legacy_copy("v12-ae3ea61.db")
    con = sqlite3.connect(db)
    con.executescript("""
        ALTER TABLE wanted_items ADD COLUMN my_note TEXT DEFAULT 'mine';
        CREATE TABLE my_stats (k TEXT PRIMARY KEY, v INTEGER);
        INSERT INTO my_stats VALUES ('a', 1);
        CREATE INDEX my_wanted_title ON wanted_items(title);
    """)
    con.close()

    printed = manage_here(db, "migrate")

    for kept in (
        "extra column: wanted_items.my_note",
        "extra table: my_stats",
        "extra index: wanted_items index my_wanted_title",
    ):
        assert kept in printed
    con = sqlite3.connect(db)
    assert con.execute("SELECT v FROM my_stats").fetchall() == [(1,)]
    rows = MANIFEST["v12-ae3ea61.db"]["wanted_items"]["rows"]
    assert con.execute("SELECT count(*) FROM wanted_items WHERE my_note = 'mine'").fetchone()[0] == rows
    manage_here(db, "migrate")  # and again: a second run finds nothing to do, and raises nothing


def test_malformed_json_in_a_legacy_row_is_kept_and_read_as_empty(
    legacy_copy, manage_here, read_all_rows
) -> None:
    db = legacy_copy("v14-4d45cc2.db")
    con = sqlite3.connect(db)
    con.execute("UPDATE wanted_items SET missing_languages = '[\"de\", oops' WHERE id = 1")
    con.execute("UPDATE jobs SET stats_json = '{not json' WHERE rowid = 1")
    con.commit()
    con.close()

    manage_here(db, "migrate")

    assert read_all_rows(db)["wanted_items"] == 41
    con = sqlite3.connect(db)
    assert con.execute("SELECT missing_languages FROM wanted_items WHERE id = 1").fetchone() == (
        '["de", oops',
    )
