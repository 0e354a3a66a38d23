"""`./dev serve` on a fresh clone prints the API key's file and a URL that answers 200."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.paths import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_clone(target: Path) -> Path:
    """The tracked files as a clone has them (committed or not), with this run's virtualenv."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        source, copy = ROOT / name, target / name
        if source.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(source.read_bytes())
            copy.chmod(source.stat().st_mode)
    # `./dev` installs into .venv; this run's interpreter already has the requirements.
    (target / ".venv").symlink_to(Path(sys.prefix))
    return target


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_dev_serve_prints_a_url_that_answers_200(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path / "sublarr")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
    env["SUBLARR_PORT"] = str(port)
    server = subprocess.Popen(
        ["./dev", "serve"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    try:
        url = None
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline:
            assert server.stdout is not None  # stdout=PIPE
            line = server.stdout.readline()
            if not line:
                break
            output.append(line)
            if match := re.search(r"starting on (http://\S+/)", line):
                url = match.group(1)
        assert url is not None, "".join(output)
        assert any(f"API key: {clone / 'data' / 'api_key'}" in line for line in output), "".join(output)
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    assert response.status == 200
                    assert b"<h1>Sublarr</h1>" in response.read()
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"{url} did not answer:\n{''.join(output)}")
        key = (clone / "data" / "api_key").read_text().strip()
        assert not any(key in line for line in output)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
