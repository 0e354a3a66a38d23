"""The image as users run it: a legacy /config owned by root, PUID/PGID/UMASK, a read-only root
file system, and a data folder that cannot be made writable."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.docker.conftest import IMAGE, Container, docker

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.sqlite_only]
LEGACY_V05 = Path(__file__).resolve().parents[1] / "fixtures" / "legacy" / "v05-c777af3.db"
Start = Callable[..., Container]


def owners(folder: Path) -> set[tuple[int, int]]:
    return {(p.stat().st_uid, p.stat().st_gid) for p in [folder, *folder.iterdir()]}


def run_once(options: list[str], command: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """`docker run --rm OPTIONS IMAGE COMMAND`: exit status and output lines (stdout, then stderr)."""
    result = docker("run", "--rm", *options, IMAGE, *command, check=False)
    return result.returncode, (result.stdout + result.stderr).splitlines()


def is_legacy_file(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()
    return "wanted_items" in tables and "django_migrations" not in tables


def test_smoke_a_root_owned_legacy_config_is_adopted_served_on_5765_and_owned_by_puid(
    run_container: Start, root_owned_config: Path
) -> None:
    shutil.copyfile(LEGACY_V05, root_owned_config / "sublarr.db")
    options = ["-e", "PUID=1000", "-e", "PGID=1000", "-v", f"{root_owned_config}:/config"]
    first = run_container(*options, "--health-interval=2s", "--health-start-period=120s")
    first.wait_healthy_api()
    logs = first.logs()
    backups = list(root_owned_config.glob("sublarr.pre-adoption-*.db"))
    assert len(backups) == 1, logs
    assert is_legacy_file(backups[0])
    assert not is_legacy_file(root_owned_config / "sublarr.db")
    assert "API key: /config/api_key" in logs
    assert (root_owned_config / "api_key").read_text().strip() not in logs
    assert owners(root_owned_config) == {(1000, 1000)}
    # `docker exec ... manage` runs manage.py as PUID, and the key it prints is the key /metrics wants.
    key = docker("exec", first.id, "manage", "api_key").stdout.strip()
    assert key == (root_owned_config / "api_key").read_text().strip()
    with urllib.request.urlopen(first.url("/"), timeout=10) as response:
        assert b"<h1>Sublarr</h1>" in response.read()
    request = urllib.request.Request(first.url("/metrics"), headers={"X-Api-Key": key})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert b"sublarr_wanted_queue_size" in response.read()
    assert owners(root_owned_config) == {(1000, 1000)}
    # Docker's own HEALTHCHECK (every 2 s here instead of 30 s) sees it too.
    for _ in range(30):
        if first.health_status() == "healthy":
            break
        time.sleep(1)
    assert first.health_status() == "healthy"
    docker("stop", "-t", "20", first.id)

    second = run_container(*options)
    second.wait_healthy_api()
    logs = second.logs()
    assert "No migrations to apply." in logs, logs
    assert "Applying" not in logs
    assert len(list(root_owned_config.glob("sublarr.pre-adoption-*.db"))) == 1
    assert owners(root_owned_config) == {(1000, 1000)}


def test_puid_and_pgid_name_the_user_and_own_only_the_data_folder(root_owned_config: Path) -> None:
    media = root_owned_config / "media"
    media.mkdir()
    (media / "episode.mkv").write_bytes(b"not ours to chown")
    (root_owned_config / "backups").mkdir()
    (root_owned_config / "backups" / "old.tar.gz").write_bytes(b"")
    status, lines = run_once(
        ["-e", "PUID=1234", "-e", "PGID=2345", "-e", "UMASK=002", "-v", f"{root_owned_config}:/config"],
        ("sh", "-c", "id; umask; touch /config/new"),
    )
    assert status == 0, lines
    assert "uid=1234(sublarr) gid=2345(sublarr) groups=2345(sublarr)" in lines
    assert "0002" in lines
    assert (root_owned_config.stat().st_uid, root_owned_config.stat().st_gid) == (1234, 2345)
    assert (root_owned_config / "new").stat().st_uid == 1234
    assert stat.S_IMODE((root_owned_config / "new").stat().st_mode) == 0o664
    assert (root_owned_config / "backups" / "old.tar.gz").stat().st_uid == 1234
    # A folder that is not Sublarr's keeps its files' owners: no recursive chown of a library.
    assert (media / "episode.mkv").stat().st_uid == 0


# What docker-compose.yml sets: read-only root, a tmpfs /tmp, and only the capabilities listed.
COMPOSE_HARDENING = [
    "--read-only", "--tmpfs", "/tmp", "--security-opt", "no-new-privileges:true", "--cap-drop", "ALL",
    *(f"--cap-add={cap}" for cap in ("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID")),
]  # fmt: skip


def test_a_read_only_root_file_system_serves_with_numeric_ids(
    run_container: Start, root_owned_config: Path
) -> None:
    container = run_container(
        *COMPOSE_HARDENING, "-e", "PUID=1001", "-e", "PGID=1001", "-v", f"{root_owned_config}:/config"
    )
    container.wait_healthy_api()
    assert "read-only /etc: running as uid 1001 gid 1001" in container.logs()
    assert owners(root_owned_config) == {(1001, 1001)}


def test_a_config_that_cannot_be_made_writable_stops_with_one_line(root_owned_config: Path) -> None:
    status, lines = run_once(["-e", "PUID=1000", "-v", f"{root_owned_config}:/config:ro"])
    assert status != 0
    assert len(lines) == 1, lines
    assert lines[0].startswith("sublarr: the data folder /config is not writable by uid 1000 gid 1000")
    assert list(root_owned_config.iterdir()) == []


def test_a_bad_puid_stops_with_one_line(root_owned_config: Path) -> None:
    status, lines = run_once(["-e", "PUID=abc", "-v", f"{root_owned_config}:/config"])
    assert status != 0
    assert lines == ["sublarr: PUID=abc is not a numeric user id"]


def test_started_as_a_user_it_runs_without_root(root_owned_config: Path) -> None:
    os.chown(root_owned_config, 1000, 1000)
    status, lines = run_once(["--user", "1000:1000", "-v", f"{root_owned_config}:/config"], ("id", "-u"))
    assert status == 0, lines
    assert lines == ["1000"]


def test_the_image_has_its_labels_and_port() -> None:
    config = docker("image", "inspect", "-f", "{{json .Config}}", IMAGE).stdout
    assert '"5765/tcp"' in config
    assert "org.opencontainers.image.title" in config
    assert "org.opencontainers.image.version" in config


def test_the_worker_command_runs_an_rq_worker(run_container: Start, root_owned_config: Path) -> None:
    redis_url = os.environ.get("SUBLARR_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    environment = [
        "-e",
        f"SUBLARR_REDIS_URL={redis_url}",
        "-e",
        f"SUBLARR_REDIS_PREFIX=image-test-{os.getpid()}",
    ]
    options = ["--network", "host", *environment, "-v", f"{root_owned_config}:/config"]
    status, lines = run_once(options, ("manage", "migrate", "--no-input"))
    assert status == 0, lines
    worker = Container(docker("run", "-d", *options, IMAGE, "worker").stdout.strip())
    try:
        for _ in range(60):
            if "RQ worker" in worker.logs():
                break
            time.sleep(1)
        assert "RQ worker" in worker.logs(), worker.logs()
        assert docker("inspect", "-f", "{{.State.Running}}", worker.id).stdout.strip() == "true"
    finally:
        docker("rm", "-f", worker.id, check=False)
