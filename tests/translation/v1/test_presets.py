"""/api/v1/prompt-presets: stored rows, one default preset, the last preset cannot be deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from apps.translation.models import PromptPreset
from tests.api_v1_fixtures import send

pytestmark = pytest.mark.django_db


def preset(name: str, is_default: bool = False) -> PromptPreset:
    return PromptPreset.objects.create(name=name, prompt_template=f"{name} template", is_default=is_default)


def test_presets_are_listed_default_first_with_is_default_as_0_or_1(keyed: Client) -> None:
    preset("Anime")
    default = preset("Default", is_default=True)
    presets = keyed.get("/api/v1/prompt-presets").json()["presets"]
    assert [(p["name"], p["is_default"]) for p in presets] == [("Default", 1), ("Anime", 0)]
    assert set(presets[0]) == {"id", "name", "prompt_template", "is_default", "created_at", "updated_at"}
    assert keyed.get("/api/v1/prompt-presets/default").json()["id"] == default.pk


def test_no_default_preset_is_a_404(keyed: Client) -> None:
    preset("Anime")
    response = keyed.get("/api/v1/prompt-presets/default")
    assert (response.status_code, response.json()) == (404, {"error": "No default preset found"})


def test_creating_a_default_preset_makes_it_the_only_default(keyed: Client) -> None:
    preset("Default", is_default=True)
    response = send(
        keyed,
        "post",
        "/api/v1/prompt-presets",
        {"name": " Anime ", "prompt_template": "t", "is_default": True},
    )
    assert response.status_code == 201
    assert (response.json()["name"], response.json()["is_default"]) == ("Anime", 1)
    assert list(PromptPreset.objects.filter(is_default=True).values_list("name", flat=True)) == ["Anime"]


@pytest.mark.parametrize(
    "body", [{"name": "x"}, {"name": " ", "prompt_template": "t"}, {"name": 1, "prompt_template": "t"}]
)
def test_a_preset_needs_a_name_and_a_template(keyed: Client, body: dict[str, Any]) -> None:
    response = send(keyed, "post", "/api/v1/prompt-presets", body)
    assert (response.status_code, response.json()) == (
        400,
        {"error": "name and prompt_template are required"},
    )
    assert not PromptPreset.objects.exists()


def test_a_duplicate_name_is_a_409(keyed: Client) -> None:
    preset("Anime")
    response = send(keyed, "post", "/api/v1/prompt-presets", {"name": "Anime", "prompt_template": "t"})
    assert (response.status_code, response.json()) == (409, {"error": "Preset name 'Anime' already exists"})


def test_updating_a_preset_to_default_moves_the_default(keyed: Client) -> None:
    preset("Default", is_default=True)
    anime = preset("Anime")
    response = send(
        keyed, "put", f"/api/v1/prompt-presets/{anime.pk}", {"is_default": True, "prompt_template": " new "}
    )
    assert response.status_code == 200
    assert (response.json()["is_default"], response.json()["prompt_template"]) == (1, "new")
    assert list(PromptPreset.objects.filter(is_default=True).values_list("name", flat=True)) == ["Anime"]


def test_an_update_without_fields_or_of_a_missing_preset_fails(keyed: Client) -> None:
    anime = preset("Anime")
    empty = send(keyed, "put", f"/api/v1/prompt-presets/{anime.pk}", {"other": 1})
    assert (empty.status_code, empty.json()) == (400, {"error": "No fields to update"})
    missing = send(keyed, "put", "/api/v1/prompt-presets/999", {"name": "x"})
    assert (missing.status_code, missing.json()) == (404, {"error": "Preset not found"})


def test_the_last_preset_cannot_be_deleted(keyed: Client) -> None:
    first, second = preset("Default", is_default=True), preset("Anime")
    assert keyed.delete(f"/api/v1/prompt-presets/{second.pk}").json() == {
        "status": "deleted",
        "id": second.pk,
    }
    last = keyed.delete(f"/api/v1/prompt-presets/{first.pk}")
    assert (last.status_code, last.json()) == (
        404,
        {"error": "Preset not found or cannot delete last preset"},
    )
    assert PromptPreset.objects.filter(pk=first.pk).exists()


def test_v2_keeps_the_last_preset_too(keyed: Client) -> None:
    only = preset("Default", is_default=True)
    response = keyed.delete(f"/api/v2/prompt-presets/{only.pk}")
    assert response.status_code == 400
    assert PromptPreset.objects.filter(pk=only.pk).exists()
