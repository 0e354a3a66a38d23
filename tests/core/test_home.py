"""The page at /: Sublarr's name and version, database and queue status, the ways in, the key's file."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.core.dbtools.backup import sublarr_version
from sublarr.api.keys import current_api_key, key_path
from sublarr.services import embedded_services, redis_services
from tests.queues import services_settings

pytestmark = pytest.mark.django_db


def test_the_root_url_is_the_home_page() -> None:
    assert reverse("home") == "/"


def test_it_renders_name_version_and_status(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "home.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "<h1>Sublarr</h1>" in page
    assert f"version {sublarr_version()}" in page
    assert connection.vendor in page
    assert '<span class="ok">ok</span>' in page
    assert "queued," in page and "running," in page and "failed" in page


def test_it_links_the_admin_and_both_apis(client: Client) -> None:
    page = client.get("/").content.decode()
    for link in ("/admin/", "/api/v1/docs/", "/api/v2/", "/api/v2/docs/", "/api/v1/health"):
        assert f'href="{link}"' in page


def test_it_says_where_the_key_is_and_never_shows_it(client: Client) -> None:
    key = current_api_key()
    page = client.get("/").content.decode()
    assert str(key_path()) in page
    assert "api_key --rotate" in page
    assert key not in page


def test_a_key_from_the_environment_is_named_not_shown(client: Client, settings: Any) -> None:
    settings.API_KEY = "from-the-environment-1234567890"  # SUBLARR_API_KEY, read by settings.py
    page = client.get("/").content.decode()
    assert "SUBLARR_API_KEY" in page
    assert "from-the-environment-1234567890" not in page


def test_an_unreachable_queue_is_reported_not_a_500(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.tasks import default_task_backend

    def broken() -> dict[str, int]:
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(default_task_backend, "queue_stats", broken)
    response = client.get("/")
    assert response.status_code == 200
    assert "unavailable: Error 111 connecting to redis:6379" in response.content.decode()


@pytest.mark.parametrize("redis", [False, True], ids=["embedded", "redis"])
def test_it_names_the_task_queue_in_use(client: Client, redis: bool, redis_url: str) -> None:
    config = redis_services(redis_url, "home-test") if redis else embedded_services()
    with services_settings(config):
        page = client.get("/").content.decode()
    assert ("<td>Redis (RQ)</td>" in page) is redis
    assert ("<td>embedded</td>" in page) is not redis
