"""Tests of the built Docker image (.ci/docker builds it and runs them with SUBLARR_TEST_IMAGE).

The normal suite skips them: they need dockerd and an image. .ci/docker sets the variables, so
there a missing image or daemon is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

IMAGE = os.environ.get("SUBLARR_TEST_IMAGE", "")
DOCKER = os.environ.get("SUBLARR_TEST_DOCKER") or shutil.which("docker") or "docker"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "docker" in item.keywords and not IMAGE:
            item.add_marker(pytest.mark.skip(reason="needs a built image: run .ci/docker"))


def docker(*args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


@dataclass
class Container:
    id: str
    started: list[str] = field(default_factory=list)

    def logs(self) -> str:
        result = docker("logs", self.id)
        return result.stdout + result.stderr

    def url(self, path: str) -> str:
        mapping = docker("port", self.id, "5765/tcp").stdout.splitlines()[0].strip()
        return f"http://{mapping}{path}"

    def wait_healthy_api(self, timeout: float = 180) -> None:
        """Until /api/v1/health answers 200 through the published port 5765."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = docker("inspect", "-f", "{{.State.Running}}", self.id).stdout.strip()
            if state != "true":
                raise AssertionError(f"the container stopped:\n{self.logs()}")
            try:
                with urllib.request.urlopen(self.url("/api/v1/health"), timeout=3) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(1)
        raise AssertionError(f"/api/v1/health did not answer in {timeout} s:\n{self.logs()}")

    def health_status(self) -> str:
        return docker("inspect", "-f", "{{.State.Health.Status}}", self.id).stdout.strip()


@pytest.fixture
def run_container() -> Iterator[object]:
    """Start the image detached with port 5765 published on loopback; removed afterwards."""
    containers: list[str] = []

    def start(*args: str) -> Container:
        result = docker("run", "-d", "-p", "127.0.0.1::5765", *args, IMAGE)
        containers.append(result.stdout.strip())
        return Container(result.stdout.strip())

    yield start
    for container in containers:
        docker("rm", "-f", "-v", container, check=False)


@pytest.fixture
def root_owned_config(tmp_path: Path) -> Path:
    """A host folder owned by root, as `-v /srv/sublarr:/config` usually is."""
    folder = tmp_path / "config"
    folder.mkdir(mode=0o755)
    os.chown(folder, 0, 0)
    return folder
