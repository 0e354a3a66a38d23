"""/api/v1/library: the empty library legacy meant, configured Sonarr or not (none is contacted)."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.core.config import store
from apps.core.models import WantedItem

pytestmark = pytest.mark.django_db


def test_without_sonarr_and_radarr_the_library_is_empty(keyed: Client) -> None:
    response = keyed.get("/api/v1/library")
    assert response.status_code == 200 and response.json() == {"series": [], "movies": []}


def test_a_configured_sonarr_is_not_called_and_nothing_is_made_up_from_the_tables(keyed: Client) -> None:
    # 192.0.2.0/24 is reserved for documentation: a call there would fail, not answer.
    store.save(
        {"sonarr_url": "http://192.0.2.1:8989", "sonarr_api_key": "k", "radarr_url": "http://192.0.2.1"}
    )
    WantedItem.objects.create(item_type="episode", file_path="/tv/a.mkv", sonarr_series_id=5, title="A")
    assert keyed.get("/api/v1/library/").json() == {"series": [], "movies": []}


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/library").status_code == 401
