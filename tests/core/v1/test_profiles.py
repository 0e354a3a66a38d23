"""/api/v1/language-profiles: the legacy shape, one default profile, 409 on a duplicate name, assign."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from apps.core.models import LanguageProfile, MovieLanguageProfile, SeriesLanguageProfile
from tests.api_v1_fixtures import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def default() -> LanguageProfile:
    return LanguageProfile.objects.create(name="Default", is_default=True)


def test_the_list_is_default_first_with_parsed_languages(keyed: Client, default: LanguageProfile) -> None:
    LanguageProfile.objects.create(
        name="Anime",
        target_languages_json='["de", "fr"]',
        target_language_names_json='["German", "French"]',
        fallback_chain_json="not json",
    )
    profiles = keyed.get("/api/v1/language-profiles").json()["profiles"]
    assert [p["name"] for p in profiles] == ["Default", "Anime"]
    assert profiles[0]["is_default"] is True and profiles[1]["is_default"] is False
    anime = profiles[1]
    assert anime["target_languages"] == ["de", "fr"]
    assert anime["target_language_names"] == ["German", "French"]
    assert anime["fallback_chain"] == ["ollama"]  # legacy's reading of a malformed chain
    assert "target_languages_json" not in anime and "fallback_chain_json" not in anime


def test_a_legacy_row_holding_a_bare_string_still_gives_a_list(keyed: Client) -> None:
    LanguageProfile.objects.create(
        name="Odd", target_languages_json='"de"', target_language_names_json="null"
    )
    profile = keyed.get("/api/v1/language-profiles").json()["profiles"][0]
    assert profile["target_languages"] == ["de"]
    assert profile["target_language_names"] == []


def test_creating_takes_the_legacy_defaults_and_answers_201(keyed: Client) -> None:
    response = send(keyed, "post", "/api/v1/language-profiles", {"name": "  Movies "})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Movies"
    assert (body["source_language"], body["target_languages"], body["fallback_chain"]) == (
        "en",
        ["de"],
        ["ollama"],
    )
    assert body["forced_preference"] == "disabled" and body["is_default"] is False


def test_the_fallback_chain_defaults_to_the_chosen_backend(keyed: Client) -> None:
    body = send(
        keyed, "post", "/api/v1/language-profiles", {"name": "X", "translation_backend": "deepl"}
    ).json()
    assert body["fallback_chain"] == ["deepl"]


def test_v1_never_makes_a_second_default_profile(keyed: Client, default: LanguageProfile) -> None:
    created = send(keyed, "post", "/api/v1/language-profiles", {"name": "Second", "is_default": True})
    assert created.status_code == 201 and created.json()["is_default"] is False
    second = LanguageProfile.objects.get(name="Second")
    updated = send(
        keyed, "put", f"/api/v1/language-profiles/{second.pk}", {"is_default": True, "name": "Second"}
    )
    assert updated.status_code == 200 and updated.json()["is_default"] is False
    assert list(LanguageProfile.objects.filter(is_default=True)) == [default]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "name is required"),
        ({"name": "  "}, "name is required"),
        ({"name": 5}, "name is required"),
        ({"name": "X", "target_languages": []}, "At least one target language is required"),
        (
            {"name": "X", "forced_preference": "always"},
            "forced_preference must be one of: disabled, separate, auto",
        ),
        ({"name": "X", "target_languages": "de"}, "target_languages must be a list of strings"),
        ({"name": "X", "source_language": None}, "source_language must be a string"),
    ],
)
def test_bad_input_is_a_400_and_creates_nothing(keyed: Client, body: dict[str, Any], message: str) -> None:
    response = send(keyed, "post", "/api/v1/language-profiles", body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert not LanguageProfile.objects.exists()


def test_a_duplicate_name_is_a_409(keyed: Client, default: LanguageProfile) -> None:
    response = send(keyed, "post", "/api/v1/language-profiles", {"name": "Default"})
    assert (response.status_code, response.json()) == (
        409,
        {"error": "Profile name 'Default' already exists"},
    )
    other = LanguageProfile.objects.create(name="Other")
    renamed = send(keyed, "put", f"/api/v1/language-profiles/{other.pk}", {"name": "Default"})
    assert renamed.status_code == 409
    assert LanguageProfile.objects.get(pk=other.pk).name == "Other"


def test_updating_changes_only_the_fields_sent(keyed: Client, default: LanguageProfile) -> None:
    response = send(
        keyed, "put", f"/api/v1/language-profiles/{default.pk}", {"target_languages": ["ja"], "unknown": 1}
    )
    assert response.status_code == 200
    assert response.json()["target_languages"] == ["ja"] and response.json()["name"] == "Default"
    assert LanguageProfile.objects.get(pk=default.pk).target_languages_json == '["ja"]'


def test_an_update_without_fields_or_of_a_missing_profile_fails(
    keyed: Client, default: LanguageProfile
) -> None:
    empty = send(keyed, "put", f"/api/v1/language-profiles/{default.pk}", {"other": 1})
    assert (empty.status_code, empty.json()) == (400, {"error": "No fields to update"})
    missing = send(keyed, "put", "/api/v1/language-profiles/999", {"name": "X"})
    assert (missing.status_code, missing.json()) == (404, {"error": "Profile not found"})
    huge = send(keyed, "put", "/api/v1/language-profiles/99999999999999999999999", {"name": "X"})
    assert huge.status_code == 404


def test_the_default_profile_cannot_be_deleted(keyed: Client, default: LanguageProfile) -> None:
    response = keyed.delete(f"/api/v1/language-profiles/{default.pk}")
    assert (response.status_code, response.json()) == (
        400,
        {"error": "Profile not found or is the default profile"},
    )
    assert LanguageProfile.objects.filter(pk=default.pk).exists()


def test_deleting_a_profile_removes_its_assignments(keyed: Client, default: LanguageProfile) -> None:
    other = LanguageProfile.objects.create(name="Other")
    SeriesLanguageProfile.objects.create(sonarr_series_id=4, profile=other)
    response = keyed.delete(f"/api/v1/language-profiles/{other.pk}")
    assert (response.status_code, response.json()) == (200, {"status": "deleted", "id": other.pk})
    assert not SeriesLanguageProfile.objects.exists()


def test_assigning_a_profile_to_a_series_or_movie(keyed: Client, default: LanguageProfile) -> None:
    other = LanguageProfile.objects.create(name="Other")
    body = {"type": "series", "arr_id": 7, "profile_id": other.pk}
    response = send(keyed, "put", "/api/v1/language-profiles/assign", body)
    assert response.json() == {"status": "assigned", **body}
    send(keyed, "put", "/api/v1/language-profiles/assign", {**body, "profile_id": default.pk})
    assert SeriesLanguageProfile.objects.get(sonarr_series_id=7).profile_id == default.pk
    send(
        keyed,
        "put",
        "/api/v1/language-profiles/assign",
        {"type": "movie", "arr_id": 3, "profile_id": other.pk},
    )
    assert MovieLanguageProfile.objects.get(radarr_movie_id=3).profile_id == other.pk


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"type": "series", "arr_id": 1}, 400, "type, arr_id, and profile_id are required"),
        ({"type": "series", "arr_id": 1, "profile_id": 999}, 404, "Profile not found"),
        ({"type": "episode", "arr_id": 1, "profile_id": "PK"}, 400, "type must be 'series' or 'movie'"),
        ({"type": "series", "arr_id": "x", "profile_id": "PK"}, 400, "arr_id must be an integer"),
    ],
)
def test_a_bad_assignment_changes_nothing(
    keyed: Client, default: LanguageProfile, body: dict[str, Any], status: int, message: str
) -> None:
    body = {key: default.pk if value == "PK" else value for key, value in body.items()}
    response = send(keyed, "put", "/api/v1/language-profiles/assign", body)
    assert (response.status_code, response.json()) == (status, {"error": message})
    assert not SeriesLanguageProfile.objects.exists()
