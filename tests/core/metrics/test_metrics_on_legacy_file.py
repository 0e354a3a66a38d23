"""/metrics on a real legacy file, adopted as users adopt it: each gauge equals SQLite's own answer."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.paths import LEGACY, ROOT

LEGACY_V14 = LEGACY / "v14-4d45cc2.db"
SCRAPE = """
import django
django.setup()
from django.test import Client
from sublarr.api.keys import current_api_key
response = Client().get("/metrics", headers={"X-Api-Key": current_api_key()})
assert response.status_code == 200, response.status_code
print(response.content.decode())
"""


def run(args: list[str], db: Path, data: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
    env.update(
        SUBLARR_DATA_DIR=str(data),
        SUBLARR_DB_PATH=str(db),
        SUBLARR_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="sublarr.settings",
    )
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def sqlite_count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_gauges_equal_sqlites_own_counts_on_an_adopted_legacy_file(migrated_once, tmp_path: Path) -> None:
    # The legacy head adopted by `migrate` once per session (tests/adopted.py), copied.
    db = tmp_path / "sublarr.db"
    shutil.copyfile(migrated_once(LEGACY_V14.name).db, db)
    body = run(["-c", SCRAPE], db, tmp_path / "data")
    gauges = {
        sample.name + str(sorted(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
    }
    wanted = sqlite_count(db, "SELECT COUNT(*) FROM wanted_items WHERE status = 'wanted'")
    jobs = sqlite_count(db, "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')")
    assert (wanted, jobs) == (27, 8)  # the fixture has rows of both kinds, so equality means something
    assert gauges["sublarr_wanted_queue_size[]"] == wanted
    assert gauges["sublarr_job_queue_size[]"] == jobs
    assert gauges["sublarr_database_size_bytes[]"] == db.stat().st_size
    max_rowid = sqlite_count(db, "SELECT MAX(rowid) FROM wanted_items")
    assert gauges["sublarr_table_rows_estimate[('table', 'wanted_items')]"] == max_rowid
