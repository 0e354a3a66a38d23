"""Benchmark: a 1,000,000-row legacy-head database transferred to PostgreSQL.

usage: .venv/bin/python bench/transfer.py [--rows 1000000] [--server postgres://postgres@127.0.0.1:5432]

Builds the database from the legacy head fixture (rows spread over wanted_items, jobs,
subtitle_downloads, hook_log and provider_cache), adopts it with `manage.py migrate`, transfers it
to a fresh h9_bench database in a child process (its own peak RSS, via wait4), then times a plain
`psql \\copy` of the same rows into an identically migrated database as the floor.
Targets (issue 6): transfer within 3x of the floor, peak memory under 250 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = ROOT / "tests" / "fixtures" / "legacy" / "v14-4d45cc2.db"
TABLES = ["wanted_items", "jobs", "subtitle_downloads", "hook_log", "provider_cache"]


def rows_for(table: str, n: int, rng: random.Random):  # type: ignore[no-untyped-def]
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


def _peak_mb() -> float:
    """This process's own peak resident memory (VmHWM of its address space) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _measured_digest_database(*args, **kwargs):  # type: ignore[no-untyped-def]
    """digest_database in the worker, writing the worker's own peak memory where the child reads it."""
    from apps.core.dbtools.digest import digest_database

    try:
        return digest_database(*args, **kwargs)
    finally:
        Path(os.environ["H9_BENCH_WORKER_PEAK"]).write_text(f"{_peak_mb()}")


def child(source: Path, target: str) -> None:
    """The transfer itself, in this process; prints its figures as JSON."""
    import resource

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sublarr.settings")
    django.setup()
    from apps.core.dbtools import databases as dbs
    from apps.core.dbtools import transfer as transfer_module

    # The worker's own peak, read inside it. The kernel's RUSAGE_CHILDREN figure is at least this
    # process's resident size when the worker was spawned: the spawned child is counted with the
    # pages it shared with its parent before exec, memory it never used itself.
    peak_file = source.with_name("worker-peak")
    os.environ["H9_BENCH_WORKER_PEAK"] = str(peak_file)
    transfer_module.digest_database = _measured_digest_database
    report = transfer_module.transfer(
        dbs.from_url(f"sqlite:///{source}"), dbs.from_url(target), progress=True
    )
    print(
        json.dumps(
            {
                "ok": report.ok,
                "rows": sum(report.copied.values()),
                "copy": report.copy_seconds,
                "verify": report.verify_seconds,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # The verification's digest worker (a child process), reaped by now: as the kernel
                # counts it (see above), and its own peak.
                "worker_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "worker_own_mb": float(peak_file.read_text()) if peak_file.exists() else float("nan"),
            }
        )
    )


def floor(server: str, source: Path, work: Path) -> float:
    """Seconds for `psql \\copy` of the same rows into an empty migrated database (CSV prepared untimed)."""
    psql(server, "CREATE DATABASE h9_bench_floor TEMPLATE h9_bench")
    psql(server, f"TRUNCATE {', '.join(TABLES)}", db="h9_bench_floor")
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
        psql(server, command, db="h9_bench_floor")
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(Path(args.child[0]), args.child[1])
    work = Path(tempfile.mkdtemp(prefix="h9-bench-"))
    env = {**os.environ, "SUBLARR_DATA_DIR": str(work / "data"), "SUBLARR_DB_PATH": str(work / "sublarr.db")}
    env.pop("SUBLARR_DATABASE_URL", None)
    try:
        started = time.monotonic()
        build(work / "sublarr.db", args.rows)
        manage("migrate", "--skip-checks", "-v0", env=env)
        print(f"built and adopted {args.rows:,} rows in {time.monotonic() - started:.1f}s")
        for name in ("h9_bench_floor", "h9_bench"):
            psql(args.server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        psql(args.server, "CREATE DATABASE h9_bench")
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", str(work / "sublarr.db"), f"{args.server}/h9_bench"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        wall_started = time.monotonic()
        out = proc.stdout.read()  # type: ignore[union-attr]
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - wall_started
        if status != 0:
            sys.exit(f"transfer failed ({status})")
        figures = json.loads(out.strip().splitlines()[-1])
        floor_seconds = floor(args.server, work / "sublarr.db", work)
        rows = figures["rows"]
        print(f"transfer: {rows:,} rows (all tables), verified={figures['ok']}")
        rate = rows / figures["copy"]
        print(f"  copy (migrate + stream + sequences): {figures['copy']:.1f}s = {rate:,.0f} rows/s")
        print(f"  verify (digests of both sides):       {figures['verify']:.1f}s")
        print(f"  whole command incl. Django start-up:   {wall:.1f}s")
        own, worker, worker_own = figures["maxrss_mb"], figures["worker_maxrss_mb"], figures["worker_own_mb"]
        print(
            f"  peak memory: transfer process {own:.0f} MB, digest worker {worker:.0f} MB (ru_maxrss, counts "
            f"the parent's pages at spawn; its own peak {worker_own:.0f} MB)"
        )
        print(
            f"  both together at most {own + worker:.0f} MB by ru_maxrss, {own + worker_own:.0f} MB by "
            "own peaks (target < 250 MB)"
        )
        print(
            f"floor: psql \\copy of the same {args.rows:,} rows: {floor_seconds:.1f}s = "
            f"{args.rows / floor_seconds:,.0f} rows/s"
        )
        print(
            f"ratio copy/floor: {figures['copy'] / floor_seconds:.2f}x; "
            f"copy+verify/floor: {(figures['copy'] + figures['verify']) / floor_seconds:.2f}x (target <= 3x)"
        )
    finally:
        for name in ("h9_bench_floor", "h9_bench"):
            psql(args.server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
