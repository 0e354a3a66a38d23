"""Fixtures for tests that work on real SQLite files through `manage.py`, as users do."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError

from apps.core.legacy.schema import Table, describe
from tests.adopted import NEW, Migrated, command_here, manage_env
from tests.paths import LEGACY, ROOT

HEAD = LEGACY / "v14-4d45cc2.db"
LEGACY_FILES = sorted(p.name for p in LEGACY.glob("*.db"))


Manage = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def manage(tmp_path: Path) -> Manage:
    """Run `manage.py ARGS` in a subprocess against the SQLite file `db`."""

    def run(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=manage_env(db, tmp_path / "data"),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    return run


@pytest.fixture
def manage_here(django_db_blocker: Any) -> Callable[..., str]:
    """`manage.py ARGS` on the SQLite file `db`, run in this process (tests.adopted.command_here)."""

    def run(db: Path, *args: str) -> str:
        with django_db_blocker.unblock():
            return command_here(db, *args)

    return run


@pytest.fixture
def migrate_refused(django_db_blocker: Any) -> Callable[[Path], str]:
    """`migrate` on the SQLite file `db` in this process, system checks included as `manage.py`
    runs them, expected to refuse: its message, one line (what `manage.py` prints after
    "CommandError: ", exit status 1, as test_a_file_that_is_not_sqlite_is_refused shows)."""

    def run(db: Path) -> str:
        with django_db_blocker.unblock(), pytest.raises(CommandError) as refused:
            command_here(db, "migrate", checks=True)
        message = str(refused.value)
        assert "\n" not in message.strip(), message
        return message

    return run


@pytest.fixture
def legacy_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A writable copy of a legacy fixture file (a name in LEGACY, or a path), in a folder of its own."""

    def copy(name: str | Path) -> Path:
        folder = tmp_path / "db"
        folder.mkdir(exist_ok=True)
        target = folder / "sublarr.db"
        shutil.copyfile(LEGACY / name, target)
        return target

    return copy


def schema_of(path: Path) -> dict[str, Table]:
    """The schema of a SQLite file (read-write, so SQLite may roll back a hot journal first)."""
    con = sqlite3.connect(path)
    try:
        return describe(con)
    finally:
        con.close()


@pytest.fixture(scope="session")
def new_database(migrated_once: Callable[[str], Migrated]) -> Path:
    """A database created from nothing by `migrate` (shared: do not write to it)."""
    return migrated_once(NEW).db
