"""/api/v1/standalone/status: the standalone setting, the enabled folders, no watcher running."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.core.config import store
from apps.standalone.models import WatchedFolder

pytestmark = pytest.mark.django_db


def folder(path: str, enabled: bool) -> None:
    WatchedFolder.objects.create(path=path, enabled=enabled, created_at="x", updated_at="x")


def test_off_by_default_with_no_folders(keyed: Client) -> None:
    response = keyed.get("/api/v1/standalone/status")
    assert response.status_code == 200
    assert response.json() == {
        "enabled": False,
        "watcher_running": False,
        "folders_count": 0,
        "scanner_scanning": False,
    }


def test_the_setting_and_only_enabled_folders_count(keyed: Client) -> None:
    store.save({"standalone_enabled": True})
    folder("/a", True)
    folder("/b", True)
    folder("/c", False)
    body = keyed.get("/api/v1/standalone/status").json()
    assert (body["enabled"], body["folders_count"]) == (True, 2)
    # No watcher or scanner runs in this server, whatever the setting says.
    assert (body["watcher_running"], body["scanner_scanning"]) == (False, False)


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/standalone/status").status_code == 401
