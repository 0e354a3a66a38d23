"""The /metrics scrape on a 1,000,000-row SQLite database.

    .venv/bin/python bench/metrics.py [--items 1000000] [--repeat 100]

Fills bench/out/metrics/ with bench/api.py's rows (1,000,000 wanted items, 70% of them 'wanted',
100,000 jobs, 250,000 subtitle downloads), marks 1,000 jobs queued, then scrapes GET /metrics with
the API key through Django and prints: the first scrape of the process (it counts the queues while
Prometheus waits), `repeat` scrapes as Prometheus makes them (the queue counts served from the last
count, recounted in the background every SUBLARR_METRICS_REFRESH_SECONDS), each part's own time,
and the gauges beside the database's own counts. Target: p95 of the steady scrapes under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import api  # noqa: E402  (bench/api.py builds the big database)

TARGET_MS = 50.0


def setup(items: int) -> None:
    os.environ.setdefault("SUBLARR_ALLOWED_HOSTS", "testserver")
    started = time.perf_counter()
    api.setup_django("metrics")  # its database in bench/out/api/metrics
    from django.db import connection

    api.fill(items)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jobs SET status = 'queued' WHERE id IN (SELECT id FROM jobs ORDER BY id LIMIT 1000)"
        )
        cursor.execute("ANALYZE")
    print(f"built {items:,} wanted items on {connection.vendor} in {time.perf_counter() - started:.0f} s")


def timed(label: str, work: Callable[[], object], repeat: int) -> None:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    print(f"  {label:<28} median {statistics.median(times):7.2f} ms   max {max(times):7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    setup(args.items)

    from django.db import connection
    from django.test import Client

    from apps.core.metrics import SublarrCollector, count_queues, database_size_bytes
    from apps.core.models import Job, WantedItem
    from sublarr.api.keys import current_api_key

    client, key = Client(), current_api_key()
    collector = SublarrCollector()

    def scrape() -> None:
        response = client.get("/metrics", HTTP_X_API_KEY=key)
        assert response.status_code == 200, response.status_code

    started = time.perf_counter()
    scrape()
    print(f"first scrape (counts the queues): {(time.perf_counter() - started) * 1000:.2f} ms")
    scrapes = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        scrape()
        scrapes.append((time.perf_counter() - started) * 1000)
    median, slowest = statistics.median(scrapes), max(scrapes)
    p95 = statistics.quantiles(scrapes, n=20)[-1]
    print(
        f"GET /metrics x{args.repeat}: median {median:.2f} ms, p95 {p95:.2f} ms, max {slowest:.2f} ms"
        f" (target: p95 < {TARGET_MS:.0f} ms)"
    )

    print("parts of a scrape:")
    wanted = WantedItem.objects.filter(status=WantedItem.Status.WANTED)
    timed("queue recount (background)", count_queues, args.repeat)
    timed("database size", database_size_bytes, args.repeat)
    timed("task queue", lambda: list(collector.task_queue()), args.repeat)
    timed("row estimates (all tables)", collector.row_estimates, args.repeat)
    timed("for comparison: COUNT(*)", WantedItem.objects.count, max(3, args.repeat // 10))

    body = client.get("/metrics", HTTP_X_API_KEY=key).content.decode()
    gauges = {
        line.split()[0]: float(line.split()[1])
        for line in body.splitlines()
        if line.startswith(
            (
                "sublarr_wanted_queue_size",
                "sublarr_job_queue_size",
                'sublarr_table_rows_estimate{table="wanted_items"}',
            )
        )
    }
    print("gauges against the database's own counts:")
    print(f"  sublarr_wanted_queue_size {gauges['sublarr_wanted_queue_size']:.0f} = {wanted.count():,}")
    queued = Job.objects.filter(status__in=["queued", "running"]).count()
    print(f"  sublarr_job_queue_size {gauges['sublarr_job_queue_size']:.0f} = {queued:,}")
    estimate = gauges['sublarr_table_rows_estimate{table="wanted_items"}']
    print(
        f"  wanted_items estimate {estimate:,.0f} ~ {WantedItem.objects.count():,} rows ({connection.vendor})"
    )
    print("PASS" if p95 < TARGET_MS else "OVER TARGET")


if __name__ == "__main__":
    main()
