"""Record the golden responses of the legacy Flask application for every contract scenario.

Run it with the legacy backend's own virtualenv (Django is not needed), from the repository root:

    /work/legacy-venv/bin/python tests/contract/record_legacy.py --legacy /work/legacy-src/backend
    /work/legacy-venv/bin/python tests/contract/record_legacy.py --legacy DIR wanted. blacklist.add

Optional arguments select scenarios by id prefix. tests/contract/README.md says how to get the
legacy checkout (commit b0151c5) and its virtualenv.

For each fixture database the scenarios use, one process copies the fixture into a scratch folder,
digests it (tests/fixtures/tools/db_manifest.py), starts the legacy app with create_app(testing=True)
(no schedulers) and digests again: whatever the legacy start-up wrote (its own migrations, seeded
defaults) is kept. When start-up changed data, the started database is saved as
tests/fixtures/legacy_api/started/<fixture> and replay loads that file instead of the fixture;
tests/fixtures/legacy_api/_startup.json records both digests either way.

Each scenario then runs in a child forked from that started process, on a fresh copy of the
started database, through Flask's test client; its requests and responses go to
tests/fixtures/legacy_api/<scenario id>.json (pretty, sorted keys). Forking keeps every scenario
independent of the others' writes and in-memory state while paying for start-up once per fixture.

The scratch folder is fixed (/tmp/sublarr-contract/<fixture>, each scenario's database in
scenarios/<id>/ below it), so paths the legacy app reports (db_path, log_file, backup_dir) are
the same on every recording. One recording at a time: a second one refuses to start.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import importlib.util
import json
import os
import shutil
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "legacy"
GOLDEN = ROOT / "tests" / "fixtures" / "legacy_api"
SCRATCH = Path("/tmp/sublarr-contract")
# The repository first: the legacy backend has a `tests` package of its own, appended after it.
sys.path.insert(0, str(ROOT))

from tests.contract.cases import SCENARIOS  # noqa: E402
from tests.contract.scenario import API, NO_BODY, Scenario, fill, pick  # noqa: E402
from tests.contract.sink import http_sink  # noqa: E402


def _load_manifest_tool() -> Any:
    spec = importlib.util.spec_from_file_location("db_manifest", ROOT / "tests/fixtures/tools/db_manifest.py")
    assert spec is not None and spec.loader is not None, "tests/fixtures/tools/db_manifest.py is missing"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _copy_database(source: Path, target: Path) -> None:
    """A consistent single-file copy (WAL content included) in rollback-journal mode."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode=DELETE")
    dst.close()
    src.close()


def _environment(work: Path) -> dict[str, str]:
    return {
        "SUBLARR_DB_PATH": str(work / "sublarr.db"),
        "SUBLARR_LOG_FILE": str(work / "sublarr.log"),
        "SUBLARR_BACKUP_DIR": str(work / "backups"),
        "SUBLARR_PLUGINS_DIR": str(work / "plugins"),
        "SUBLARR_MEDIA_PATH": str(work / "media"),
    }


def run_step(client: Any, step: Any, values: dict[str, Any]) -> dict[str, Any]:
    path = API + fill(step.path, values)
    request: dict[str, Any] = {"method": step.method, "path": path}
    kwargs: dict[str, Any] = {"method": step.method}
    if step.query:
        request["query"] = fill(step.query, values)
        kwargs["query_string"] = request["query"]
    if step.json is not NO_BODY:
        request["json"] = fill(step.json, values)
        # The body as replay sends it: keys in the scenario's order (Flask's json= would sort them,
        # and the order of a body's keys shows in answers such as PUT /config's updated_keys).
        kwargs["data"] = json.dumps(request["json"])
        kwargs["content_type"] = "application/json"
    response = client.open(path, **kwargs)
    out: dict[str, Any] = {
        "request": request,
        "status": response.status_code,
        "content_type": response.mimetype,
    }
    if step.headers:
        out["headers"] = {name: response.headers.get(name) for name in step.headers}
    body = response.get_json(silent=True)
    if body is not None or response.mimetype == "application/json":
        out["json"] = body
    else:
        out["text"] = response.get_data(as_text=True)
    for name, where in step.capture.items():
        values[name] = pick(body, where)
    return out


def _own_database(scenario: Scenario, started: Path, work: Path) -> None:
    """In a scenario's child: a private copy of the started database, and the legacy app on it.

    The start-up process keeps running the legacy app's own threads (provider probes), which
    may reopen its database at any time; a scenario never shares a file with them.
    """
    import config as legacy_config
    import db as legacy_db

    folder = work / "scenarios" / scenario.id
    folder.mkdir(parents=True)
    database = folder / "sublarr.db"
    _copy_database(started, database)
    if scenario.setup_sql:
        con = sqlite3.connect(database)
        with con:
            for statement in scenario.setup_sql:
                con.execute(statement)
        con.close()
    legacy_db._connection = None  # inherited from the parent: never used (nor closed) here
    # Both the environment and the live settings: PUT /config rebuilds settings from the environment.
    os.environ["SUBLARR_DB_PATH"] = str(database)
    legacy_config.get_settings().db_path = str(database)


def record_scenario(app: Any, scenario: Scenario, fixture: str) -> dict[str, Any]:
    client = app.test_client()
    values: dict[str, Any] = {}
    steps = [run_step(client, step, values) for step in scenario.steps]
    return {"id": scenario.id, "fixture": fixture, "steps": steps}


def record_fixture(fixture: str, scenarios: list[Scenario]) -> dict[str, Any]:
    """In this (forked) process: start the legacy app on the fixture, then record each scenario."""
    manifest = _load_manifest_tool()
    work = SCRATCH / Path(fixture).stem
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    database = work / "sublarr.db"
    _copy_database(FIXTURES / fixture, database)
    before = manifest.manifest(str(database))
    if before != manifest.manifest(str(FIXTURES / fixture)):
        raise RuntimeError(f"the copy of {fixture} in {work} differs from the fixture")
    os.environ.update(_environment(work))
    os.chdir(work)  # the legacy settings read ./.env; the scratch folder has none
    import db as legacy_db  # the legacy backend, on sys.path
    from app import create_app

    app = create_app(testing=True)
    legacy_db.get_db()
    legacy_db.close_db()
    after = manifest.manifest(str(database))
    started = work / "started.db"
    _copy_database(database, started)
    startup: dict[str, Any] = {"changed": before != after, "before": before, "after": after, "database": None}
    if before != after:
        kept = GOLDEN / "started" / fixture
        kept.parent.mkdir(exist_ok=True)
        _copy_database(started, kept)
        startup["database"] = f"started/{fixture}"
        tables = set(before) | set(after)
        startup["tables_changed"] = sorted(t for t in tables if before.get(t) != after.get(t))

    failures = 0
    for scenario in scenarios:

        def record(scenario: Scenario = scenario) -> None:
            _own_database(scenario, started, work)
            golden = record_scenario(app, scenario, fixture)
            target = GOLDEN / f"{scenario.id}.json"
            target.write_text(json.dumps(golden, indent=2, sort_keys=True, ensure_ascii=False) + "\n")

        ok = _in_child(record)
        failures += not ok
        print(f"{'recorded' if ok else 'FAILED  '} {scenario.id}", flush=True)
    startup["failures"] = failures
    return startup


def _in_child(work: Callable[[], None]) -> bool:
    """Run `work` in a forked child (its writes and module state die with it); True if it ran
    through. Its traceback goes to stderr."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            work()
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--legacy", required=True, help="the legacy backend/ folder (commit b0151c5)")
    parser.add_argument("prefixes", nargs="*", help="record only scenarios whose id starts with one of these")
    args = parser.parse_args()
    sys.path.append(str(Path(args.legacy).resolve()))
    chosen = [s for s in SCENARIOS if not args.prefixes or s.id.startswith(tuple(args.prefixes))]
    if not chosen:
        parser.error("no scenario matches")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    lock = (SCRATCH / ".lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        parser.error(f"another recording is running (it holds {SCRATCH}/.lock)")
    startup_file = GOLDEN / "_startup.json"
    startup_all = json.loads(startup_file.read_text()) if startup_file.exists() else {}
    failures = 0
    # Served from this process; the forked scenario children reach it over loopback TCP.
    sink = http_sink() if any(s.http_sink for s in chosen) else contextlib.nullcontext()
    with sink:
        failures = _record_all(chosen, startup_all)
    startup_file.write_text(json.dumps(startup_all, indent=2, sort_keys=True) + "\n")
    print(f"{len(chosen) - failures}/{len(chosen)} scenarios recorded")
    return 1 if failures else 0


def _record_all(chosen: list[Scenario], startup_all: dict[str, Any]) -> int:
    failures = 0
    for fixture in sorted({s.fixture for s in chosen}):
        group = [s for s in chosen if s.fixture == fixture]
        report = SCRATCH / f"{Path(fixture).stem}.startup.json"

        def start(fixture: str = fixture, group: list[Scenario] = group, report: Path = report) -> None:
            report.write_text(json.dumps(record_fixture(fixture, group)))

        # The legacy app's module state stays in the child, one per fixture.
        if not _in_child(start):
            print(f"FAILED to start the legacy app on {fixture}", flush=True)
            failures += len(group)
            continue
        result = json.loads(report.read_text())
        failures += result.pop("failures")
        startup_all[fixture] = result
        if result["changed"]:
            print(f"{fixture}: legacy start-up CHANGED {result['tables_changed']}; replay loads its copy")
        else:
            print(f"{fixture}: legacy start-up left the data unchanged")
    return failures


if __name__ == "__main__":
    sys.exit(main())
