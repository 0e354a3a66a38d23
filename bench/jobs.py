"""Benchmark the background jobs: throughput of no-op tasks and model-change-to-websocket latency.

    .venv/bin/python bench/jobs.py [--tasks 10000] [--workers 4] [--redis-url redis://127.0.0.1:6379/5]

Runs each set-up (embedded, then Redis if reachable) in a fresh temporary SQLite database, or in
SUBLARR_BENCH_DATABASE_URL. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def child_env(mode: str, data_dir: str, redis_url: str, prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
    env.update(
        SUBLARR_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="sublarr.settings",
        SUBLARR_LOG_LEVEL="WARNING",
        SUBLARR_TASKS_HEARTBEAT_SECONDS="2",
    )
    if url := os.environ.get("SUBLARR_BENCH_DATABASE_URL"):
        env["SUBLARR_DATABASE_URL"] = url
    if mode == "redis":
        env.update(SUBLARR_REDIS_URL=redis_url, SUBLARR_REDIS_PREFIX=prefix)
    return env


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args], cwd=BASE_DIR, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_listening(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"server did not start on port {port}")


def measure(mode: str, tasks: int, workers: int, samples: int, redis_url: str) -> None:
    """Runs in a child process whose environment already selects the set-up."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from websockets.sync.client import connect

    from apps.core.models import Job
    from apps.tasks.base import default_worker_backend
    from sublarr.api.keys import current_api_key
    from tests.probes import mark_job, noop

    call_command("migrate", verbosity=0)
    env = dict(os.environ)
    log = Path(env["SUBLARR_DATA_DIR"]) / "bench.log"
    backend = f"{mode} ({connection.vendor}{', ' + redis_url if mode == 'redis' else ''})"

    # Throughput: enqueue everything, then burst workers until the queue is empty.
    started = time.perf_counter()
    for first in range(0, tasks, 500):
        with transaction.atomic():
            for _ in range(first, min(first + 500, tasks)):
                noop.enqueue()
    enqueued = time.perf_counter() - started
    procs = [start(["manage.py", "run_worker", "--burst"], env, log) for _ in range(workers)]
    for proc in procs:
        proc.wait()
    finished = time.perf_counter() - started
    left = default_worker_backend.pending_count()
    print(f"{backend}: {tasks} no-op tasks, {workers} workers")
    print(f"  enqueue           {enqueued:8.2f} s  ({tasks / enqueued:8.0f} tasks/s)")
    not_run = f"  {left} NOT RUN" if left else ""
    print(f"  enqueue-to-finish {finished:8.2f} s  ({tasks / finished:8.0f} tasks/s){not_run}")

    # Latency: a worker changes a job through the ORM; time until the websocket client hears it.
    port = free_port()
    server = start(
        ["-m", "uvicorn", "sublarr.asgi:application", "--port", str(port), "--log-level", "warning"], env, log
    )
    extra = [start(["manage.py", "run_worker"], env, log)] if mode == "redis" else []
    try:
        wait_listening(port)
        Job.objects.create(id="bench", file_path="/bench.mkv")
        delays, round_trips = [], []
        with connect(f"ws://127.0.0.1:{port}/ws/events?apikey={current_api_key()}") as ws:
            ws.recv(timeout=10)
            for n in range(samples):
                sent = time.time()
                mark_job.enqueue("bench", "completed" if n % 2 else "running")
                while json.loads(ws.recv(timeout=30))["type"] != "jobs.updated":
                    pass
                heard = time.time()
                changed_at = json.loads(Job.objects.get(pk="bench").stats_json or "{}")["changed_at"]
                delays.append((heard - changed_at) * 1000)
                round_trips.append((heard - sent) * 1000)
        for label, values in (("model change -> event", delays), ("enqueue -> event", round_trips)):
            values.sort()
            p95 = values[int(len(values) * 0.95) - 1]
            print(
                f"  {label:22s} median {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms  (n={samples})"
            )
    finally:
        for proc in [server, *extra]:
            proc.terminate()
            proc.wait(15)


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def purge(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"*{prefix}*", count=1000):
        client.delete(key)
    for key in client.scan_iter(match="rq:job:*", count=1000):
        origin = client.hget(key, "origin") or b""
        if isinstance(origin, bytes):  # typed bytes | str; without decode_responses it is bytes
            origin = origin.decode()
        if origin.startswith(prefix):
            client.delete(key)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--mode", choices=["embedded", "redis"], action="append")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.mode[0], args.tasks, args.workers, args.samples, args.redis_url)
        return
    sys.path.insert(0, str(BASE_DIR))
    for mode in args.mode or ["embedded", "redis"]:
        if mode == "redis" and not redis_reachable(args.redis_url):
            print(f"redis: skipped, nothing answers at {args.redis_url}")
            continue
        prefix = f"sublarr-bench-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory(prefix="sublarr-bench-") as data_dir:
            command = [
                sys.executable,
                __file__,
                "--child",
                "--mode",
                mode,
                "--tasks",
                str(args.tasks),
                "--workers",
                str(args.workers),
                "--samples",
                str(args.samples),
                "--redis-url",
                args.redis_url,
            ]
            env = child_env(mode, data_dir, args.redis_url, prefix)
            env["PYTHONPATH"] = str(BASE_DIR)
            result = subprocess.run(command, cwd=BASE_DIR, env=env)
            if mode == "redis":
                purge(args.redis_url, prefix)
            if result.returncode:
                print(f"{mode}: failed (exit {result.returncode}); see the log above")


if __name__ == "__main__":
    main()
