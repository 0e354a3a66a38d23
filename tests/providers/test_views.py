"""/api/v2 provider resources: the cache and the stats read-only, scoring weights unique."""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.providers.models import ProviderCache, ProviderStats, ScoringWeights


def test_provider_cache_results_parse_and_stats_count_expired(api_client: APIClient) -> None:
    ProviderCache.objects.create(
        provider_name="a", query_hash="h1", results_json='[{"id": 1}]', expires_at="2000-01-01T00:00:00"
    )
    ProviderCache.objects.create(
        provider_name="a", query_hash="h2", results_json="[oops", expires_at="2999-01-01T00:00:00"
    )
    results = sorted(
        map(str, (r["results"] for r in api_client.get("/api/v2/provider-cache").json()["data"]))
    )
    assert results == ["[]", "[{'id': 1}]"]
    stats = api_client.get("/api/v2/provider-cache/stats").json()
    assert stats == {
        "total_entries": 2,
        "expired_entries": 1,
        "by_provider": {"a": {"entries": 2, "expired": 1}},
    }
    assert api_client.post("/api/v2/provider-cache/clear", QUERY_STRING="provider_name=a").json() == {
        "deleted": 2
    }


def test_provider_stats_are_read_only_except_clearing(api_client: APIClient) -> None:
    ProviderStats.objects.create(provider_name="opensubtitles", total_searches=3, auto_disabled=True)
    row = api_client.get("/api/v2/provider-stats/opensubtitles").json()
    assert (row["total_searches"], row["auto_disabled"]) == (3, True)
    assert (
        api_client.patch(
            "/api/v2/provider-stats/opensubtitles", {"total_searches": 0}, format="json"
        ).status_code
        == 405
    )
    assert api_client.post("/api/v2/provider-stats/clear").json() == {"deleted": 1}


def test_scoring_weights_are_unique_per_type_and_key(api_client: APIClient) -> None:
    ScoringWeights.objects.create(score_type="episode", weight_key="hash", weight_value=359)
    response = api_client.post(
        "/api/v2/scoring-weights",
        {"score_type": "episode", "weight_key": "hash", "weight_value": 1},
        format="json",
    )
    assert response.status_code == 400
    modifier = api_client.post(
        "/api/v2/provider-score-modifiers", {"provider_name": "p", "modifier": -5}, format="json"
    )
    assert modifier.status_code == 201 and modifier.json()["modifier"] == -5
