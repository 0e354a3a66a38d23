"""SQLite files migrated once per test session by `migrate`, shared by every xdist worker.

Many tests need a legacy fixture adopted (or a database created from nothing): the adoption tests
check it, the twin tests compare two of them, the dbtools, backup and metrics tests start from one.
The first worker to ask migrates the file, under a lock, into the session's shared temporary
folder; everyone after reads that result (and copies the file before changing it).

The command runs in the asking worker, with the file as its default database, as in a
`manage.py` process run on it: the same `migrate` command and adoption code, without the second
or two of a new Python process and Django start-up for each of the 28 files. What only a
`manage.py` process shows (its exit status, one error line, a kill half-way) is tested by the
tests of tests/core/legacy that run it.

Only within one session: a later run migrates afresh, so a change to the migrations or to the
adoption code is always tested.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS

from tests.paths import LEGACY

NEW = "new"  # the key of the database that `migrate` creates from nothing


@dataclass(frozen=True)
class Migrated:
    """The result of one `migrate`: the file (shared, read-only) and what it printed."""

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


@contextmanager
def as_default(db: Path) -> Iterator[None]:
    """The SQLite file `db` as this thread's default database, as in a `manage.py` run on it.

    Not merely an extra alias: a migration may read the default database whichever one it
    migrates (django_rq's 0003 reads the content types there), and in a test session the default
    one is the test database, or none at all. The caller unblocks database access.
    """
    from django.db import connections

    from apps.core.dbtools import databases as dbs

    test_default = connections[DEFAULT_DB_ALIAS]
    with dbs.django_alias(dbs.from_url(f"sqlite:///{db}")) as alias:
        connections[DEFAULT_DB_ALIAS] = connections[alias]
        try:
            yield
        finally:
            connections[DEFAULT_DB_ALIAS] = test_default


def command_here(db: Path, *args: str, checks: bool = False) -> str:
    """`manage.py ARGS` on the SQLite file `db`, run in this process; what it printed.

    With `checks`, the system checks run first, as they do in `manage.py`. The caller unblocks
    database access. A refusal raises CommandError (`manage.py` prints it as one line, exit 1).
    """
    out = StringIO()
    options: dict[str, Any] = {"skip_checks": False} if checks else {}
    with as_default(db):
        call_command(*args, stdout=out, **options)
    return out.getvalue()


def _migrate(key: str, place: Path, done: Path) -> None:
    # A worker that died half-way left a partial folder behind: start it over.
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir()
    db = place / "sublarr.db"
    if key != NEW:
        shutil.copyfile(LEGACY / key, db)
    stdout = command_here(db, "migrate")
    partial = place / "done.json.partial"
    partial.write_text(json.dumps({"stdout": stdout}))
    partial.rename(done)
