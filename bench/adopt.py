#!/usr/bin/env python3
"""Adoption time and memory on large legacy files (issue: adopt every legacy database in place).

Builds legacy files with N rows spread over the big tables (wanted_items, jobs, subtitle_downloads,
hook_log, provider_cache; a v03 file has no hook_log, so its rows go to the other four) from the
legacy fixtures, then adopts fresh copies of each in new processes (median of 3) and prints the adoption time
without the backup copy, the backup time, peak memory, and the ratio of 1,000,000 rows to 10,000 rows.
Targets: adoption under 5 s, about the same time at both sizes, peak memory under 200 MB.

usage: .venv/bin/python bench/adopt.py [--rows 1000000] [--small 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEGACY = ROOT / "tests" / "fixtures" / "legacy"
BIG_TABLES = ["wanted_items", "jobs", "subtitle_downloads", "hook_log", "provider_cache"]
NOW = "2026-11-25T05:44:30.000000"
REPEATS = 3


def rows_for(table: str, start: int, count: int, columns: set[str]):
    for n in range(start, start + count):
        if table == "wanted_items":
            row = {
                "item_type": "episode",
                "sonarr_series_id": n // 50,
                "sonarr_episode_id": n,
                "title": f"Show {n // 50}",
                "season_episode": f"S01E{n % 50:02d}",
                "file_path": f"/media/tv/Show {n // 50}/S01E{n % 50:02d}.mkv",
                "missing_languages": '["de"]',
                "status": "wanted",
                "added_at": NOW,
                "updated_at": NOW,
            }
        elif table == "jobs":
            row = {
                "id": f"bench{n:09d}",
                "file_path": f"/media/tv/{n}.mkv",
                "status": "completed",
                "stats_json": '{"lines": 400}',
                "created_at": NOW,
            }
        elif table == "subtitle_downloads":
            row = {
                "provider_name": "subdl",
                "subtitle_id": f"s{n}",
                "language": "de",
                "format": "ass",
                "file_path": f"/media/tv/{n}.de.ass",
                "score": n % 400,
                "downloaded_at": NOW,
            }
        elif table == "hook_log":
            row = {
                "hook_id": 1,
                "event_name": "subtitle_downloaded",
                "hook_type": "script",
                "success": 1,
                "exit_code": 0,
                "stdout": "ok",
                "triggered_at": NOW,
            }
        else:
            row = {
                "provider_name": "subdl",
                "query_hash": f"q{n}",
                "results_json": "[]",
                "cached_at": NOW,
                "expires_at": NOW,
            }
        yield {k: v for k, v in row.items() if k in columns}


def build(fixture: str, target: Path, total: int) -> None:
    shutil.copyfile(LEGACY / fixture, target)
    con = sqlite3.connect(target)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    tables = [
        t for t in BIG_TABLES if con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (t,)).fetchone()
    ]
    for i, table in enumerate(tables):
        count = total // len(tables) + (1 if i < total % len(tables) else 0)
        columns = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
        sample = next(rows_for(table, 0, 1, columns))
        names = list(sample)
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        con.executemany(sql, ([r[c] for c in names] for r in rows_for(table, 10_000_000, count, columns)))
    con.commit()
    con.close()


CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "sublarr.settings"
import django
django.setup()
from pathlib import Path
from apps.core.legacy import adopt, reference
ref = reference.build()
started = time.monotonic()
result = adopt.adopt(Path({path!r}), ref)
total = time.monotonic() - started
print(json.dumps({{"seconds": total - result.backup_seconds, "backup": result.backup_seconds,
                  "steps": len(result.plan.steps), "version": result.plan.version_label,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(path: Path, data_dir: Path) -> dict:
    env = {**os.environ, "SUBLARR_DATA_DIR": str(data_dir), "SUBLARR_DB_PATH": str(path)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sublarr-bench-adopt-") as tmp:
        work = Path(tmp)
        print(f"{'file':<16}{'rows':>11}{'adopt s':>10}{'backup s':>10}{'peak MB':>9}  version")
        results = {}
        for fixture, label in (("v14-4d45cc2.db", "v14"), ("v03-9bc55dc.db", "v03")):
            for rows in (args.small, args.rows):
                folder = work / f"{label}-{rows}"
                folder.mkdir()
                source = folder / "source.db"
                build(fixture, source, rows)
                runs = []
                for attempt in range(REPEATS):  # fresh copies; the median evens out fsync noise
                    db = folder / f"run{attempt}" / "sublarr.db"
                    db.parent.mkdir()
                    shutil.copyfile(source, db)
                    # Flush the copy now, or adoption's first fsync would pay for writing it.
                    with db.open("rb+") as handle:
                        os.fsync(handle.fileno())
                    runs.append(measure(db, work / "data"))
                    shutil.rmtree(db.parent)
                r = sorted(runs, key=lambda x: x["seconds"])[len(runs) // 2]
                results[(label, rows)] = r
                print(
                    f"{label:<16}{rows:>11,}{r['seconds']:>10.3f}{r['backup']:>10.2f}{r['peak_mb']:>9.1f}"
                    f"  {r['version']} ({r['steps']} changes)"
                )
                shutil.rmtree(folder)
        for label in ("v14", "v03"):
            small, big = results[(label, args.small)], results[(label, args.rows)]
            ratio = big["seconds"] / small["seconds"]
            ok = big["seconds"] < 5 and big["peak_mb"] < 200
            print(
                f"{label}: {args.rows:,} rows / {args.small:,} rows adoption time ratio {ratio:.2f}; "
                f"{big['seconds']:.3f} s (target < 5 s), peak {big['peak_mb']:.0f} MB (target < 200 MB)"
                f" -> {'OK' if ok else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
