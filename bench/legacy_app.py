"""Time GET requests against the legacy Flask application itself, through Flask's test client.

Run by bench/api.py under the legacy backend's own virtualenv (no Django here):

    /work/legacy-venv/bin/python bench/legacy_app.py --legacy /work/legacy-src/backend \
        --db COPY.db --repeat 30 --budget 15 /api/v1/stats "/api/v1/wanted?page=1000" ...

Starts create_app(testing=True) (no schedulers; its start-up probes the subtitle providers, which
fails here without network after some seconds) on the given database, then prints one JSON
object: path -> p50 in milliseconds, each path timed like bench/api.py times the rest (one
warm-up, then up to --repeat runs or --budget seconds, 5 runs at least).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--legacy", required=True, help="the legacy backend/ folder (commit b0151c5)")
    parser.add_argument("--db", required=True, help="a database file the legacy app may change")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--budget", type=float, default=15.0)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sublarr-legacy-bench-"))
    os.environ.update(
        {
            "SUBLARR_DB_PATH": str(Path(args.db).resolve()),
            "SUBLARR_LOG_FILE": str(work / "sublarr.log"),
            "SUBLARR_BACKUP_DIR": str(work / "backups"),
            "SUBLARR_PLUGINS_DIR": str(work / "plugins"),
            "SUBLARR_MEDIA_PATH": str(work / "media"),
            "SUBLARR_LOG_LEVEL": "WARNING",
        }
    )
    os.chdir(work)  # the legacy settings read ./.env; this folder has none
    sys.path.append(str(Path(args.legacy).resolve()))
    from app import create_app

    app = create_app(testing=True)
    logging.disable(logging.WARNING)  # a log line per request would be timed too
    client = app.test_client()
    results = {}
    for path in args.paths:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: legacy answered {response.status_code}")
        samples: list[float] = []
        spent = 0.0
        while len(samples) < args.repeat and (len(samples) < 5 or spent < args.budget):
            start = time.perf_counter()
            client.get(path)
            samples.append(time.perf_counter() - start)
            spent += samples[-1]
        results[path] = statistics.median(samples) * 1000
    print(json.dumps(results))


if __name__ == "__main__":
    main()
