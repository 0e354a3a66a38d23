"""Benchmark: a 1,000,000-row legacy-head database moved to PostgreSQL, by us and by pgloader.

usage: .venv/bin/python bench/transfer.py [--rows 1000000] [--server postgres://postgres@127.0.0.1:5432]
                                          [--prefix bench_transfer_] [--jobs 2] [--floor]

Builds the database from the legacy head fixture (rows spread over wanted_items, jobs,
subtitle_downloads, hook_log and provider_cache) and adopts it with `manage.py migrate`. Then, in
the same run, on the same file:
  * `manage.py transfer_database --to` into a fresh <prefix>ours database: wall time of the whole
    command (Django start-up, migrate, copy, indexes, verification) and its peak memory (wait4;
    it is one process: the copy and the comparison run in threads);
  * pgloader (Debian's package: apt-get install pgloader) into a fresh <prefix>pgloader database,
    wall time and peak memory alike, then the same comparison as ours of every table it loaded
    against the source, listing the tables whose values it changed. Without pgloader on PATH this
    part is skipped, loudly;
  * with --floor, a plain `psql \\copy` of the five big tables' rows into an identically migrated
    database (CSV prepared untimed): the server's own floor for COPY with the indexes in place.
Targets (issue 13): ours, verification included, faster than pgloader; peak under 250 MB; every
table verified identical. Runs in a few minutes; not part of CI.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEAD = ROOT / "tests" / "fixtures" / "legacy" / "v14-4d45cc2.db"
TABLES = ["wanted_items", "jobs", "subtitle_downloads", "hook_log", "provider_cache"]


def rows_for(table: str, n: int, rng: random.Random) -> Iterator[tuple[object, ...]]:
    for i in range(n):
        show = f"/media/tv/Show {i % 5000} (20{i % 25:02d})/Season {i % 12}"
        path = f"{show}/Show - S{i % 12:02d}E{i % 30:02d} - Ünïcödé 'title' {i}.mkv"
        stamp = (
            f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{i % 60:02d}.{i % 999999:06d}"
        )
        if table == "wanted_items":
            yield (
                None,
                "episode",
                i % 5000,
                i,
                None,
                f"Show {i % 5000}",
                f"S{i % 12:02d}E{i % 30:02d}",
                path,
                "",
                '["de", "fr"]',
                "wanted",
                "",
                i % 7,
                "",
                stamp,
                stamp,
                i % 2,
                rng.randint(0, 500),
                "de",
                "sonarr",
                None,
                None,
                "full",
            )
        elif table == "jobs":
            yield (
                f"job-{i:08d}",
                path,
                "completed",
                "ass",
                path + ".de.ass",
                f'{{"lines": {i}}}',
                "",
                i % 2,
                f'{{"sonarr_series_id": {i % 5000}}}',
                stamp,
                stamp,
                f"{i:016x}",
            )
        elif table == "subtitle_downloads":
            yield (None, "opensubtitles", f"sub-{i}", "de", "srt", path, rng.randint(0, 400), stamp, "full")
        elif table == "hook_log":
            yield (
                None,
                i % 3 or None,
                None,
                "subtitle_downloaded",
                "script",
                i % 2,
                0,
                None,
                "ok\n" * 3,
                "",
                "",
                rng.random() * 1000,
                stamp,
            )
        else:
            yield (
                None,
                "opensubtitles",
                f"{i:032x}",
                f'[{{"id": {i}, "score": {i % 400}}}]',
                stamp,
                stamp,
            )


def build(db: Path, total: int) -> None:
    shutil.copyfile(HEAD, db)
    con = sqlite3.connect(db)
    rng = random.Random(6)
    per_table = total // len(TABLES)
    with con:
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
            width = len(con.execute(f"SELECT * FROM {table} LIMIT 0").description)
            con.executemany(
                f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", rows_for(table, per_table, rng)
            )
    con.close()


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def psql(server: str, sql: str, db: str = "postgres") -> None:
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", f"{server}/{db}", "-c", sql], check=True)


def run_measured(command: list[str], env: dict[str, str], log: Path) -> dict[str, Any]:
    """Wall seconds, CPU seconds, peak RSS in MB and exit status of a command (output in `log`).

    CPU seconds are the command's own (not the PostgreSQL server's): on a machine shared with
    other work they vary less than wall time.
    """
    with log.open("w") as out:
        started = time.monotonic()
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
    # ru_maxrss of the reaped child (kB); neither command starts processes of its own.
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak": usage.ru_maxrss / 1024,
        "status": os.waitstatus_to_exitcode(status),
    }


def ours(server: str, source: Path, name: str, jobs: int, env: dict[str, str], work: Path) -> dict[str, Any]:
    psql(server, f"CREATE DATABASE {name}")
    log = work / "ours.log"
    command = [
        sys.executable, str(ROOT / "manage.py"), "transfer_database", "--skip-checks", "--no-progress", "-v2",
        "--from", f"sqlite:///{source}", "--to", f"{server}/{name}", "--jobs", str(jobs),
    ]  # fmt: skip
    run = run_measured(command, env, log)
    output = log.read_text()
    if run["status"] != 0:
        sys.exit(f"transfer_database failed ({run['status']}):\n{output[-3000:]}")
    tables = re.findall(r"^  (\S+): (\d+) rows ok$", output, re.MULTILINE)
    phases = re.search(r"^Phases: (.*)$", output, re.MULTILINE)
    return {
        **run,
        "tables": len(tables),
        "rows": sum(int(n) for _, n in tables),
        "phases": phases.group(1) if phases else "",
    }


def pgloader(server: str, source: Path, name: str, env: dict[str, str], work: Path) -> dict[str, Any] | None:
    binary = shutil.which("pgloader")
    if binary is None:
        print("!" * 100)
        print("!! pgloader is not installed: its side of the comparison is SKIPPED.")
        print("!! Install it (apt-get install pgloader) and run again to measure it on the same file.")
        print("!" * 100)
        return None
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.splitlines()
    runs: list[dict[str, Any]] = []
    # Its defaults first, as the Sonarr and Bazarr guides run it. With a 1 GB heap (Debian's
    # build) it can run out of memory ("Heap exhausted") when PostgreSQL takes rows slower than
    # it reads them; then again with the remedy its issue tracker gives, fewer rows read ahead.
    for options in ([], ["--with", "prefetch rows = 10000"]):
        psql(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        psql(server, f"CREATE DATABASE {name}")
        log = work / f"pgloader-{len(runs)}.log"
        run = run_measured([binary, *options, f"sqlite://{source}", f"{server}/{name}"], env, log)
        runs.append(
            {**run, "options": " ".join(options) or "defaults", "version": version[0] if version else "?"}
        )
        if run["status"] == 0:
            break
        tail = [line for line in log.read_text().splitlines() if line.strip()][:8]
        print(
            f"pgloader with {runs[-1]['options']} FAILED (status {run['status']}): " + " | ".join(tail)[:400]
        )
    return {**runs[-1], "runs": runs}


def changed_tables(source: Path, target: str) -> dict[str, str]:
    """Each table pgloader changed (or did not load), compared as transfer_database verifies."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sublarr.settings")
    django.setup()
    from apps.core.dbtools import compare
    from apps.core.dbtools import databases as dbs
    from apps.core.dbtools.tables import transfer_tables

    src = dbs.connect_readonly(dbs.from_url(f"sqlite:///{source}"))
    dst = dbs.connect_readonly(dbs.from_url(target))
    present = dbs.table_names(dst, "postgresql")
    out = {}
    try:
        for t in transfer_tables():
            if t.name not in present:
                out[t.name] = "not loaded"
                continue
            try:
                result = compare.compare_table(src, "sqlite", dst, "postgresql", t.compare_spec())
            except Exception as exc:  # a column it renamed or dropped
                dst.rollback()
                out[t.name] = f"cannot compare: {str(exc).strip().splitlines()[0]}"
                continue
            if not result.ok:
                types = compare.postgres_types(dst, t.name)
                out[t.name] = (
                    f"{result.source['rows']} -> {result.target['rows']} rows, first difference at key "
                    f"{result.first_difference!r}; column types there: "
                    + ", ".join(f"{c} {types.get(c)}" for c in t.columns)
                )
    finally:
        src.close()
        dst.close()
    return out


def floor(server: str, source: Path, work: Path, prefix: str) -> float:
    """Seconds for `psql \\copy` of the same rows into an empty migrated database (CSV prepared untimed)."""
    psql(server, f"CREATE DATABASE {prefix}floor TEMPLATE {prefix}ours")
    psql(server, f"TRUNCATE {', '.join(TABLES)}", db=f"{prefix}floor")
    con = sqlite3.connect(source)
    commands = []
    for table in TABLES:
        cur = con.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cur.description]
        path = work / f"{table}.csv"
        with path.open("w", newline="") as handle:
            csv.writer(handle, quoting=csv.QUOTE_STRINGS, lineterminator="\n").writerows(cur)
        commands.append(f"\\copy {table} ({', '.join(columns)}) FROM '{path}' WITH (FORMAT csv)")
    con.close()
    started = time.monotonic()
    for command in commands:
        psql(server, command, db=f"{prefix}floor")
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--prefix", default="bench_transfer_", help="of the scratch databases it creates")
    parser.add_argument("--jobs", type=int, default=2, help="transfer_database --jobs")
    parser.add_argument("--floor", action="store_true", help="also time psql \\copy of the same rows")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-transfer-"))
    env = {**os.environ, "SUBLARR_DATA_DIR": str(work / "data"), "SUBLARR_DB_PATH": str(work / "sublarr.db")}
    env.pop("SUBLARR_DATABASE_URL", None)
    names = [f"{args.prefix}{n}" for n in ("floor", "ours", "pgloader")]
    source = work / "sublarr.db"
    try:
        started = time.monotonic()
        build(source, args.rows)
        manage("migrate", "--skip-checks", "-v0", env=env)
        print(f"built and adopted {args.rows:,} rows in {time.monotonic() - started:.1f}s")
        for name in names:
            psql(args.server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        us = ours(args.server, source, f"{args.prefix}ours", args.jobs, env, work)
        them = pgloader(args.server, source, f"{args.prefix}pgloader", env, work)
        changed = (
            changed_tables(source, f"{args.server}/{args.prefix}pgloader")
            if them and them["status"] == 0
            else None
        )
        print(
            f"transfer_database: {us['rows']:,} rows, {us['tables']} tables verified identical; "
            f"{us['wall']:.1f}s wall (start-up, migrate, copy, indexes, verification), "
            f"{us['cpu']:.1f}s CPU, peak {us['peak']:.0f} MB (one process; target < 250 MB)"
        )
        print(f"  phases: {us['phases']}")
        if them is None:
            print("pgloader: SKIPPED (not installed)")
        else:
            for run in them["runs"]:
                state = "ok" if run["status"] == 0 else f"FAILED (status {run['status']})"
                print(
                    f"pgloader ({run['version']}, {run['options']}): {state}, {run['wall']:.1f}s wall, "
                    f"{run['cpu']:.1f}s CPU, peak {run['peak']:.0f} MB"
                )
            print(
                f"  ratio ours/pgloader (its last run): {us['wall'] / them['wall']:.2f}x wall time, "
                f"{us['cpu'] / them['cpu']:.2f}x CPU, {us['peak'] / them['peak']:.2f}x peak memory"
            )
            if changed is not None:
                print(f"  tables pgloader changed: {len(changed)}")
                for table, why in sorted(changed.items()):
                    print(f"    {table}: {why}")
        if args.floor:
            seconds = floor(args.server, source, work, args.prefix)
            print(
                f"floor: psql \\copy of the {args.rows:,} rows into the migrated tables: {seconds:.1f}s "
                f"= {args.rows / seconds:,.0f} rows/s"
            )
    finally:
        for name in names:
            psql(args.server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
