"""/api/v1/scoring/weights and /scoring/modifiers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from apps.providers.models import DEFAULT_WEIGHTS, ProviderScoreModifier, ScoringWeights

pytestmark = pytest.mark.django_db


def put(client: Client, path: str, body: Any) -> Any:
    return client.put(path, json.dumps(body), content_type="application/json")


def stored_weights() -> set[tuple[str, str, int]]:
    return set(ScoringWeights.objects.values_list("score_type", "weight_key", "weight_value"))


def test_weights_without_overrides_are_the_defaults(keyed: Client) -> None:
    body = keyed.get("/api/v1/scoring/weights").json()
    assert body == {
        "episode": DEFAULT_WEIGHTS["episode"],
        "movie": DEFAULT_WEIGHTS["movie"],
        "defaults": DEFAULT_WEIGHTS,
    }
    assert body["episode"]["hash"] == 359 and body["movie"]["title"] == 60


def test_put_overrides_some_weights_and_answers_them_merged_with_the_defaults(keyed: Client) -> None:
    response = put(
        keyed, "/api/v1/scoring/weights", {"episode": {"hash": 400, "custom": "7"}, "movie": "ignored"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["episode"] == {**DEFAULT_WEIGHTS["episode"], "hash": 400, "custom": 7}
    assert body["movie"] == DEFAULT_WEIGHTS["movie"]
    assert body["defaults"]["episode"]["hash"] == 359
    assert stored_weights() == {("episode", "hash", 400), ("episode", "custom", 7)}
    put(keyed, "/api/v1/scoring/weights", {"episode": {"hash": 300}})
    assert ("episode", "hash", 300) in stored_weights()
    assert ScoringWeights.objects.count() == 2


def test_delete_resets_the_weights_to_the_defaults(keyed: Client) -> None:
    put(keyed, "/api/v1/scoring/weights", {"movie": {"year": 1}})
    assert keyed.delete("/api/v1/scoring/weights").status_code == 204
    assert not ScoringWeights.objects.exists()
    assert keyed.get("/api/v1/scoring/weights").json()["movie"] == DEFAULT_WEIGHTS["movie"]


@pytest.mark.parametrize(
    "body",
    [
        {"episode": {"hash": 1}, "movie": {"year": "high"}},
        {"episode": {"hash": 1.5}},
        {"episode": {"hash": None}},
        {"episode": {"hash": True}},
    ],
)
def test_a_weight_that_is_not_a_whole_number_is_a_400_and_nothing_is_stored(
    keyed: Client, body: dict[str, Any]
) -> None:
    response = put(keyed, "/api/v1/scoring/weights", body)
    assert response.status_code == 400
    assert "error" in response.json()
    assert not ScoringWeights.objects.exists()


def test_modifiers_are_set_listed_by_name_and_deleted(keyed: Client) -> None:
    assert keyed.get("/api/v1/scoring/modifiers").json() == {}
    response = put(keyed, "/api/v1/scoring/modifiers", {"opensubtitles": -10, "animetosho": "20"})
    assert response.status_code == 200
    assert response.json() == {"animetosho": 20, "opensubtitles": -10}
    assert list(response.json()) == ["animetosho", "opensubtitles"]
    put(keyed, "/api/v1/scoring/modifiers", {"opensubtitles": 5})
    assert ProviderScoreModifier.objects.get(pk="opensubtitles").modifier == 5
    assert keyed.delete("/api/v1/scoring/modifiers/opensubtitles").status_code == 204
    assert keyed.get("/api/v1/scoring/modifiers").json() == {"animetosho": 20}
    assert keyed.delete("/api/v1/scoring/modifiers/never-set").status_code == 204


def test_a_bad_modifier_is_a_400_naming_it_and_nothing_is_stored(keyed: Client) -> None:
    response = put(keyed, "/api/v1/scoring/modifiers", {"jimaku": 3, "subdl": "lots"})
    assert response.status_code == 400
    assert "subdl" in response.json()["error"]
    assert not ProviderScoreModifier.objects.exists()
    assert put(keyed, "/api/v1/scoring/modifiers", [1, 2]).status_code == 400
