"""Fixtures for tests that work on real SQLite files through `manage.py`, as users do."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from apps.core.legacy.schema import Table, describe
from tests.paths import LEGACY, ROOT

HEAD = LEGACY / "v14-4d45cc2.db"
LEGACY_FILES = sorted(p.name for p in LEGACY.glob("*.db"))


def manage_env(db_path: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
    env.update(
        SUBLARR_DATA_DIR=str(data_dir),
        SUBLARR_DB_PATH=str(db_path),
        DJANGO_SETTINGS_MODULE="sublarr.settings",
    )
    return env


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
def legacy_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A writable copy of a legacy fixture file, in a folder of its own."""

    def copy(name: str) -> Path:
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


def migrate_new(db: Path) -> Path:
    """Create the database `db` from nothing with `manage.py migrate`."""
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
        check=True,
        env=manage_env(db, db.parent / "data"),
        cwd=ROOT,
        timeout=300,
    )
    return db


@pytest.fixture(scope="session")
def new_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database created from nothing by `manage.py migrate` (shared: do not write to it)."""
    db = migrate_new(tmp_path_factory.mktemp("new") / "sublarr.db")
    return db
