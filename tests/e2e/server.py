"""This project's server for the browser check: a copy of a legacy file, migrated, behind uvicorn."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(dist: Path, database: Path, work: Path, api_key: str) -> Iterator[str]:
    """This project's server on a copy of `database`, serving `dist`; yields its base URL."""
    data = work / "data"
    data.mkdir()
    shutil.copy2(database, data / "sublarr.db")
    # Only what this check sets: no SUBLARR_DATABASE_URL or SUBLARR_REDIS_URL from the caller.
    env = {key: value for key, value in os.environ.items() if not key.startswith("SUBLARR_")}
    env |= {
        "SUBLARR_DATA_DIR": str(data),
        "SUBLARR_DB_PATH": str(data / "sublarr.db"),
        "SUBLARR_API_KEY": api_key,
        "SUBLARR_FRONTEND_DIR": str(dist),
        "SUBLARR_LOG_LEVEL": "WARNING",
    }
    log_path = work / "server.log"
    with log_path.open("w") as log:
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=600,
        )
        if migrate.returncode != 0:
            raise RuntimeError(f"manage.py migrate failed:\n{log_path.read_text()[-2000:]}")
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "sublarr.asgi:application", "--host", "127.0.0.1"]
            + ["--port", str(port), "--no-access-log"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process, log_path)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start-up:\n{log_path.read_text()[-2000:]}")
        try:
            # Any HTTP answer means it listens; /health may say 503 on a degraded system.
            urllib.request.urlopen(base + "/", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")
