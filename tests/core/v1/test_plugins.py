"""/api/v1/plugins: no plugins are loaded, so the legacy answer for an empty plugins folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from apps.core.models import ConfigEntry
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


def test_no_plugins_and_no_errors() -> None:
    response = Client(HTTP_X_API_KEY=current_api_key()).get("/api/v1/plugins")
    assert response.status_code == 200
    assert response.json() == {"plugins": [], "errors": []}


def test_a_file_in_the_plugins_folder_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "evil.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    ConfigEntry.objects.create(key="plugins_dir", value=str(tmp_path))
    body = Client(HTTP_X_API_KEY=current_api_key()).get("/api/v1/plugins").json()
    assert body == {"plugins": [], "errors": []}
    assert not marker.exists()


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/plugins").status_code == 401
