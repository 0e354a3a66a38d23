"""SQLite connections: WAL, busy timeout, foreign keys, and writers that wait instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.legacy.conftest import ROOT, manage_env, migrate_new

pytestmark = pytest.mark.sqlite_only

PRAGMAS = """
import django, os, sys
sys.path.insert(0, {root!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "sublarr.settings"
django.setup()
from django.db import connection
with connection.cursor() as c:
    values = [c.execute(f"PRAGMA {{p}}").fetchone()[0]
              for p in ("journal_mode", "busy_timeout", "synchronous", "foreign_keys")]
print(*values, connection.transaction_mode)
"""

# Each writer inserts rows in many short transactions while the other does the same.
WRITER = """
import django, os, sys
sys.path.insert(0, {root!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "sublarr.settings"
django.setup()
from django.db import transaction
from apps.core.models import ConfigEntry
for n in range(200):
    with transaction.atomic():
        ConfigEntry.objects.create(key=f"{{sys.argv[1]}}-{{n}}", value="v")
        ConfigEntry.objects.filter(key=f"{{sys.argv[1]}}-{{n}}").update(value="w")
"""


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    return migrate_new(tmp_path / "sublarr.db")


def test_connections_use_wal_a_busy_timeout_and_immediate_transactions(
    migrated: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PRAGMAS.format(root=str(ROOT))],
        check=True,
        env=manage_env(migrated, tmp_path / "data"),
        capture_output=True,
        text=True,
    )
    journal, busy, synchronous, foreign_keys, mode = result.stdout.split()
    assert journal == "wal"
    assert int(busy) >= 5000
    assert synchronous == "1"  # NORMAL
    assert foreign_keys == "1"
    assert mode == "IMMEDIATE"


def test_two_writing_processes_both_finish_without_database_is_locked(migrated: Path, tmp_path: Path) -> None:
    env = manage_env(migrated, tmp_path / "data")
    script = WRITER.format(root=str(ROOT))
    writers = [
        subprocess.Popen([sys.executable, "-c", script, name], env=env, stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]
    errors = [w.communicate(timeout=300)[1] for w in writers]

    assert [w.returncode for w in writers] == [0, 0], errors
    import sqlite3

    con = sqlite3.connect(migrated)
    assert con.execute("SELECT count(*) FROM config_entries WHERE value = 'w'").fetchone()[0] == 400
    assert os.path.exists(str(migrated) + "-wal")
