"""/api/v1/mediaservers/types: the media server kinds as a bare array, with their settings fields."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.core.config.namespaces import MEDIA_SECRET_FIELDS, MEDIA_SERVER_TYPES
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


def test_the_kinds_in_legacy_order_with_their_fields() -> None:
    response = Client(HTTP_X_API_KEY=current_api_key()).get("/api/v1/mediaservers/types")
    assert response.status_code == 200
    kinds = response.json()
    assert [(k["name"], k["display_name"]) for k in kinds] == [
        ("jellyfin", "Jellyfin / Emby"),
        ("plex", "Plex"),
        ("kodi", "Kodi"),
    ]
    assert [f["key"] for f in kinds[1]["config_fields"]] == ["url", "token", "path_mapping"]
    assert kinds[0]["config_fields"][0] == {
        "key": "url",
        "label": "Server URL",
        "type": "text",
        "required": True,
        "default": "http://localhost:8096",
        "help": "Jellyfin/Emby server URL (e.g. http://192.168.1.100:8096)",
    }
    # What the instances store accepts and masks agrees with the kinds shown here.
    assert tuple(k["name"] for k in kinds) == MEDIA_SERVER_TYPES
    secrets = {f["key"] for k in kinds for f in k["config_fields"] if f["type"] == "password"}
    assert secrets <= set(MEDIA_SECRET_FIELDS)


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/mediaservers/types").status_code == 401
