"""/api/v1/sonarr/instances and /radarr/instances: the stored list, else the single-instance settings."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from apps.core import arr
from apps.core.config.schema import FIELD_TYPES
from apps.core.models import ConfigEntry
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db

ANIME = {"name": "Anime", "url": "http://radarr:7878", "api_key": "r-key", "path_mapping": "/m=/media"}


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Client:
    for name in FIELD_TYPES:
        monkeypatch.delenv(f"SUBLARR_{name.upper()}", raising=False)
    return Client(HTTP_X_API_KEY=current_api_key())


def store(**entries: str) -> None:
    ConfigEntry.objects.bulk_create([ConfigEntry(key=key, value=value) for key, value in entries.items()])


@pytest.mark.parametrize("service", ["sonarr", "radarr"])
def test_nothing_configured_is_an_empty_array(keyed: Client, service: str) -> None:
    response = keyed.get(f"/api/v1/{service}/instances")
    assert response.status_code == 200
    assert response.json() == []


def test_the_single_instance_settings_make_one_default_instance_with_the_global_mapping(
    keyed: Client,
) -> None:
    store(sonarr_url="http://sonarr:8989", sonarr_api_key="s-key", path_mapping="/tv=/media/tv")
    assert keyed.get("/api/v1/sonarr/instances").json() == [
        {"name": "Default", "url": "http://sonarr:8989", "api_key": "s-key", "path_mapping": "/tv=/media/tv"}
    ]
    # Radarr's own settings are not set: Sonarr's do not leak into it.
    assert keyed.get("/api/v1/radarr/instances").json() == []


@pytest.mark.parametrize("missing", ["radarr_url", "radarr_api_key"])
def test_a_url_or_key_alone_is_no_instance(keyed: Client, missing: str) -> None:
    entries = {"radarr_url": "http://radarr:7878", "radarr_api_key": "r-key"}
    del entries[missing]
    store(**entries)
    assert keyed.get("/api/v1/radarr/instances").json() == []


def test_the_stored_list_wins_and_is_answered_as_stored(keyed: Client) -> None:
    second = {"name": "4K", "url": "http://radarr4k:7878", "api_key": "k", "extra": 1}
    store(
        radarr_url="http://single:7878",
        radarr_api_key="single",
        radarr_instances_json=json.dumps([ANIME, second]),
    )
    assert keyed.get("/api/v1/radarr/instances").json() == [ANIME, second]


@pytest.mark.parametrize("text", ["[]", "not json", '{"name": "x"}', "[NaN]", '"[]"', "  "])
def test_a_stored_list_that_is_empty_or_unreadable_falls_back_to_the_single_instance(
    keyed: Client, text: str
) -> None:
    store(sonarr_url="http://sonarr:8989", sonarr_api_key="s-key", sonarr_instances_json=text)
    assert [i["name"] for i in keyed.get("/api/v1/sonarr/instances").json()] == ["Default"]


def test_the_environment_configures_an_instance(keyed: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUBLARR_RADARR_INSTANCES_JSON", json.dumps([ANIME]))
    assert keyed.get("/api/v1/radarr/instances").json() == [ANIME]
    # A stored value overrides the environment, as in legacy.
    store(radarr_instances_json=json.dumps([{**ANIME, "name": "Stored"}]))
    assert keyed.get("/api/v1/radarr/instances").json()[0]["name"] == "Stored"


def test_the_answer_written_back_through_config_changes_nothing(keyed: Client) -> None:
    # Why the API key is not masked: the Settings tab saves the list it read.
    store(radarr_instances_json=json.dumps([ANIME]))
    shown = keyed.get("/api/v1/radarr/instances").json()
    response = keyed.put(
        "/api/v1/config", {"radarr_instances_json": json.dumps(shown)}, content_type="application/json"
    )
    assert response.status_code == 200
    assert arr.instances("radarr") == [ANIME]


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/sonarr/instances").status_code == 401
    assert Client().get("/api/v1/radarr/instances").status_code == 401


def test_instances_read_from_given_values_without_the_database() -> None:
    values = {
        "sonarr_instances_json": "",
        "sonarr_url": "http://s",
        "sonarr_api_key": "k",
        "path_mapping": "",
    }
    assert arr.instances("sonarr", values) == [
        {"name": "Default", "url": "http://s", "api_key": "k", "path_mapping": ""}
    ]
