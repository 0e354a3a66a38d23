"""SQLite files migrated once per test session by `manage.py migrate`, shared by every xdist worker.

Adopting a legacy fixture (or creating a database from nothing) runs `manage.py migrate` in a
subprocess, as users do, and costs seconds. Many tests need the same result: the adoption tests
check it, the twin tests compare two of them, the dbtools, backup and metrics tests start from one.
Each file used to be migrated again by every test and every worker that needed it; now the first
one to ask migrates it, under a lock, into the session's shared temporary folder, and everyone
after reads that result (and copies the file before changing it).

Only within one session: a later run migrates afresh, so a change to the migrations or to the
adoption code is always tested.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.paths import LEGACY, ROOT

NEW = "new"  # the key of the database that `migrate` creates from nothing


@dataclass(frozen=True)
class Migrated:
    """The result of one `manage.py migrate`: the file (shared, read-only) and what it printed."""

    db: Path
    stdout: str


def manage_env(db_path: Path, data_dir: Path) -> dict[str, str]:
    """The environment of a `manage.py` run on the SQLite file `db_path`, free of this run's settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
    env.update(
        SUBLARR_DATA_DIR=str(data_dir),
        SUBLARR_DB_PATH=str(db_path),
        DJANGO_SETTINGS_MODULE="sublarr.settings",
    )
    return env


def shared_folder(basetemp: Path) -> Path:
    """The folder every worker of this session sees: the parent of a worker's own base temp."""
    shared = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
    folder = shared / "migrated"
    folder.mkdir(exist_ok=True)
    return folder


def migrated(folder: Path, key: str) -> Migrated:
    """`key` (a legacy fixture's file name, or NEW) migrated once in `folder`, by whoever asks first."""
    place = folder / key.removesuffix(".db")
    with open(folder / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if this process dies
        done = place / "done.json"
        if not done.exists():
            _migrate(key, place, done)
        return Migrated(db=place / "sublarr.db", stdout=json.loads(done.read_text())["stdout"])


def _migrate(key: str, place: Path, done: Path) -> None:
    # A worker that died half-way left a partial folder behind: start it over.
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir()
    db = place / "sublarr.db"
    if key != NEW:
        shutil.copyfile(LEGACY / key, db)
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate"],
        env=manage_env(db, place / "data"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py migrate of {key} failed:\n{result.stdout}\n{result.stderr}")
    partial = place / "done.json.partial"
    partial.write_text(json.dumps({"stdout": result.stdout}))
    partial.rename(done)
