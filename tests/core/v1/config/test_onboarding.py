"""/api/v1/onboarding/status and /onboarding/complete."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.core.config.schema import FIELD_TYPES
from apps.core.models import ConfigEntry
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Client:
    for name in FIELD_TYPES:
        monkeypatch.delenv(f"SUBLARR_{name.upper()}", raising=False)
    return Client(HTTP_X_API_KEY=current_api_key())


def test_a_fresh_install_is_not_onboarded_and_has_only_the_default_ollama(keyed: Client) -> None:
    assert keyed.get("/api/v1/onboarding/status").json() == {
        "completed": False,
        "has_sonarr": False,
        "has_radarr": False,
        "has_ollama": True,
        "has_providers": False,
    }


def test_services_count_as_configured_from_stored_settings(keyed: Client) -> None:
    ConfigEntry.objects.bulk_create(
        [
            ConfigEntry(key="sonarr_url", value="http://sonarr:8989"),
            ConfigEntry(key="sonarr_api_key", value="k"),
            ConfigEntry(key="radarr_url", value="http://radarr:7878"),
            ConfigEntry(key="ollama_url", value=""),
            ConfigEntry(key="subdl_api_key", value="s"),
        ]
    )
    body = keyed.get("/api/v1/onboarding/status").json()
    assert (body["has_sonarr"], body["has_radarr"], body["has_ollama"], body["has_providers"]) == (
        True,
        False,
        False,
        True,
    )


def test_complete_stores_the_legacy_flag(keyed: Client) -> None:
    response = keyed.post("/api/v1/onboarding/complete")
    assert response.status_code == 200
    assert response.json() == {"status": "completed"}
    assert ConfigEntry.objects.get(key="onboarding_completed").value == "true"
    assert keyed.get("/api/v1/onboarding/status").json()["completed"] is True


def test_only_the_exact_legacy_text_counts_as_completed(keyed: Client) -> None:
    ConfigEntry.objects.create(key="onboarding_completed", value="True")
    assert keyed.get("/api/v1/onboarding/status").json()["completed"] is False
