"""Fixtures for the job machinery: each queue set-up for real, worker processes, a test Redis.

Tests that need Redis take the `redis_url` fixture (SUBLARR_TEST_REDIS_URL, default
redis://127.0.0.1:6379/5) and a key prefix unique to the test; they never read the suite-wide
SUBLARR_REDIS_URL, and the embedded tests force the embedded set-up whatever it says.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.tasks import task_backends
from django.test import override_settings

from sublarr.services import embedded_services, redis_services

BASE_DIR = Path(settings.BASE_DIR)
DEFAULT_TEST_REDIS = "redis://127.0.0.1:6379/5"


def reset_task_backends() -> None:
    # Django caches backends per alias and does not watch TASKS; tests switch it.
    task_backends.__dict__.pop("settings", None)
    for alias in list(task_backends.settings):
        if hasattr(task_backends._connections, alias):  # type: ignore[attr-defined]  # private, not in stubs
            delattr(task_backends._connections, alias)  # type: ignore[attr-defined]  # private, not in stubs
    task_backends.__dict__.pop("settings", None)


@contextmanager
def services_settings(config: dict[str, Any]) -> Iterator[None]:
    with override_settings(**config):
        reset_task_backends()
        try:
            yield
        finally:
            reset_task_backends()
    reset_task_backends()


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("SUBLARR_TEST_REDIS_URL", DEFAULT_TEST_REDIS)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and is not reachable at {url}")
        pytest.skip(f"no Redis at {url}")
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def purge_redis(url: str, prefix: str) -> None:
    client = redis.Redis.from_url(url)
    queue_key = f"rq:queue:{prefix}-"
    for key in client.scan_iter(match=f"*{prefix}*", count=1000):
        client.delete(key)
    for key in client.scan_iter(match="rq:job:*", count=1000):
        origin = client.hget(key, "origin") or b""
        if isinstance(origin, bytes):  # typed bytes | str; without decode_responses it is bytes
            origin = origin.decode()
        if origin.startswith(queue_key[len("rq:queue:") :]):
            client.delete(key)


def worker_environment(redis_url: str | None = None, prefix: str = "") -> dict[str, str]:
    """Environment for a child process that uses this test's database (and Redis)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["SUBLARR_DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    else:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        env["SUBLARR_DATABASE_URL"] = (
            f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    env["SUBLARR_DATA_DIR"] = str(settings.DATA_DIR)
    env["SUBLARR_HOOKS_DIR"] = str(settings.HOOKS_DIR)
    env["SUBLARR_TASKS_HEARTBEAT_SECONDS"] = "1"
    env["SUBLARR_TASKS_LEASE_SECONDS"] = "3"
    env["SUBLARR_WEBHOOK_RETRY_DELAY_SECONDS"] = "0"
    env["DJANGO_SETTINGS_MODULE"] = "sublarr.settings"
    env["PYTHONUNBUFFERED"] = "1"
    if redis_url:
        env["SUBLARR_REDIS_URL"] = redis_url
        env["SUBLARR_REDIS_PREFIX"] = prefix
    return env


@dataclass
class QueueSetup:
    """One real queue set-up (embedded or Redis) and the worker processes started on it."""

    name: str
    env: dict[str, str]
    tmp: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start_worker(self, *extra: str) -> subprocess.Popen[bytes]:
        log_name = f"worker-{len(self.processes)}.log"
        return self._spawn([sys.executable, "manage.py", "run_worker", *extra], log_name)

    def _spawn(self, argv: list[str], log_name: str) -> subprocess.Popen[bytes]:
        """A child in its own session (killed as a group), its output in `log_name` under tmp."""
        log = (self.tmp / log_name).open("wb")
        process = subprocess.Popen(
            argv, cwd=BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        return process

    def start_server(self) -> str:
        """Start the ASGI app under a real uvicorn on a free port; return its `127.0.0.1:port`."""
        port = free_port()
        uvicorn = [sys.executable, "-m", "uvicorn", "sublarr.asgi:application"]
        # A polling client's last long-poll stays open until the server's next ping: stopping the
        # server at the end of a test need not wait for it.
        self._spawn(
            [*uvicorn, "--port", str(port), "--lifespan", "on", "--timeout-graceful-shutdown", "2"],
            "server.log",
        )

        def listening() -> bool:
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        wait_for(listening, timeout=30)
        return f"127.0.0.1:{port}"

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(10)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.tmp.glob("worker-*.log")))


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[QueueSetup]:
    setup = QueueSetup("embedded", worker_environment(), tmp_path)
    with services_settings(embedded_services()):
        yield setup
    setup.stop_all()


@pytest.fixture
def redis_queue(redis_url: str, tmp_path: Path) -> Iterator[QueueSetup]:
    prefix = f"sublarr-test-{uuid.uuid4().hex[:10]}"
    setup = QueueSetup("redis", worker_environment(redis_url, prefix), tmp_path)
    with services_settings(redis_services(redis_url, prefix)):
        yield setup
    setup.stop_all()
    purge_redis(redis_url, prefix)


@pytest.fixture(params=["embedded", "redis"])
def queue(request: pytest.FixtureRequest) -> QueueSetup:
    return request.getfixturevalue("embedded" if request.param == "embedded" else "redis_queue")


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
