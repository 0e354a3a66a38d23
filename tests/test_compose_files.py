"""The compose files users start from: port 5765, /config, healthchecks and start order.

No Docker here (.ci/docker runs the image itself); these read the files as Compose would.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.paths import ROOT

FILES = ["docker-compose.yml", "docker-compose.postgres.yml", "docker-compose.redis.yml"]


def services(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / name).read_text())["services"]


@pytest.mark.parametrize("name", FILES)
def test_sublarr_serves_5765_from_config_read_only(name: str) -> None:
    sublarr = services(name)["sublarr"]
    assert sublarr["ports"] == ["${SUBLARR_PORT:-5765}:5765"]
    assert sublarr["volumes"] == ["${SUBLARR_CONFIG:-./config}:/config"]
    assert sublarr["read_only"] is True and sublarr["tmpfs"] == ["/tmp"]
    assert {"PUID", "PGID", "UMASK"} <= set(sublarr["environment"])
    assert "user" not in sublarr  # the entrypoint needs root to hand /config to PUID


@pytest.mark.parametrize("name", FILES[1:])
def test_sublarr_waits_for_healthy_services(name: str) -> None:
    found = services(name)
    for dependency, condition in found["sublarr"]["depends_on"].items():
        assert condition == {"condition": "service_healthy"}
        assert found[dependency]["healthcheck"]["test"]
    assert found["sublarr"]["environment"]["SUBLARR_DATABASE_URL"].startswith("postgres://sublarr:")


def test_the_redis_variant_runs_workers_after_the_server_migrated() -> None:
    found = services("docker-compose.redis.yml")
    worker = found["worker"]
    assert worker["command"] == ["worker"]
    assert worker["depends_on"]["sublarr"] == {"condition": "service_healthy"}
    assert "ports" not in worker and "container_name" not in worker  # --scale worker=3 works
    assert worker["environment"] == found["sublarr"]["environment"]
    assert worker["environment"]["SUBLARR_REDIS_URL"] == "redis://redis:6379/0"
    # Workers and server share /config: the secret key and hooks live there.
    assert worker["volumes"] == found["sublarr"]["volumes"]
