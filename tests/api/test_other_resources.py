"""Provider, translation, hook and standalone resources: caches and stats read-only, secrets write-only."""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.hooks.models import HookLog, WebhookConfig
from apps.providers.models import ProviderCache, ProviderStats, ScoringWeights
from apps.standalone.models import MetadataCache, WatchedFolder
from apps.translation.models import GlossaryEntry, PromptPreset, WhisperJob

WEBHOOK = {"name": "notify", "event_name": "subtitle_downloaded", "url": "https://example.test/hook"}


def test_a_webhook_secret_is_write_only(client: APIClient) -> None:
    created = client.post("/api/v2/webhooks", {**WEBHOOK, "secret": "hmac-key"}, format="json")
    assert created.status_code == 201, created.json()
    webhook_id = created.json()["id"]
    assert "secret" not in created.json() and created.json()["has_secret"] is True
    assert WebhookConfig.objects.get(pk=webhook_id).secret == "hmac-key"
    for body in (
        client.get(f"/api/v2/webhooks/{webhook_id}").content,
        client.get("/api/v2/webhooks").content,
    ):
        assert b"hmac-key" not in body and b'"secret"' not in body


def test_a_webhook_update_without_a_secret_keeps_it(client: APIClient) -> None:
    webhook = WebhookConfig.objects.create(**WEBHOOK, secret="keep-me")
    response = client.patch(f"/api/v2/webhooks/{webhook.pk}", {"name": "renamed"}, format="json")
    assert response.status_code == 200
    webhook.refresh_from_db()
    assert (webhook.name, webhook.secret) == ("renamed", "keep-me")


def test_a_webhook_needs_an_http_url(client: APIClient) -> None:
    response = client.post("/api/v2/webhooks", {**WEBHOOK, "url": "file:///etc/passwd"}, format="json")
    assert response.status_code == 400 and "url" in response.json()


def test_a_hook_rejects_an_unknown_type(client: APIClient) -> None:
    body = {"name": "x", "event_name": "subtitle_downloaded", "hook_type": "email"}
    response = client.post("/api/v2/hooks", body, format="json")
    assert response.status_code == 400 and "hook_type" in response.json()
    assert client.post("/api/v2/hooks", {**body, "hook_type": "script"}, format="json").status_code == 201


def test_a_hook_rejects_an_event_outside_the_catalog(client: APIClient) -> None:
    body = {"name": "x", "event_name": "no_such_event", "hook_type": "script"}
    response = client.post("/api/v2/hooks", body, format="json")
    assert response.status_code == 400 and "event_name" in response.json()


def test_hook_logs_are_read_only_and_clear_by_filter(client: APIClient) -> None:
    HookLog.objects.create(hook_id=1, event_name="e", hook_type="script", success=True)
    HookLog.objects.create(hook_id=2, event_name="e", hook_type="script", success=False)
    rows = client.get("/api/v2/hook-logs", {"success": "false"}).json()["data"]
    assert [(r["hook_id"], r["success"]) for r in rows] == [(2, False)]
    assert client.post("/api/v2/hook-logs", {"event_name": "e"}, format="json").status_code == 405
    assert client.post("/api/v2/hook-logs/clear?hook_id=1").json() == {"deleted": 1}
    assert list(HookLog.objects.values_list("hook_id", flat=True)) == [2]


def test_provider_cache_results_parse_and_stats_count_expired(client: APIClient) -> None:
    ProviderCache.objects.create(
        provider_name="a", query_hash="h1", results_json='[{"id": 1}]', expires_at="2000-01-01T00:00:00"
    )
    ProviderCache.objects.create(
        provider_name="a", query_hash="h2", results_json="[oops", expires_at="2999-01-01T00:00:00"
    )
    results = sorted(map(str, (r["results"] for r in client.get("/api/v2/provider-cache").json()["data"])))
    assert results == ["[]", "[{'id': 1}]"]
    stats = client.get("/api/v2/provider-cache/stats").json()
    assert stats == {
        "total_entries": 2,
        "expired_entries": 1,
        "by_provider": {"a": {"entries": 2, "expired": 1}},
    }
    assert client.post("/api/v2/provider-cache/clear", QUERY_STRING="provider_name=a").json() == {
        "deleted": 2
    }


def test_provider_stats_are_read_only_except_clearing(client: APIClient) -> None:
    ProviderStats.objects.create(provider_name="opensubtitles", total_searches=3, auto_disabled=True)
    row = client.get("/api/v2/provider-stats/opensubtitles").json()
    assert (row["total_searches"], row["auto_disabled"]) == (3, True)
    assert (
        client.patch("/api/v2/provider-stats/opensubtitles", {"total_searches": 0}, format="json").status_code
        == 405
    )
    assert client.post("/api/v2/provider-stats/clear").json() == {"deleted": 1}


def test_scoring_weights_are_unique_per_type_and_key(client: APIClient) -> None:
    ScoringWeights.objects.create(score_type="episode", weight_key="hash", weight_value=359)
    response = client.post(
        "/api/v2/scoring-weights",
        {"score_type": "episode", "weight_key": "hash", "weight_value": 1},
        format="json",
    )
    assert response.status_code == 400
    modifier = client.post(
        "/api/v2/provider-score-modifiers", {"provider_name": "p", "modifier": -5}, format="json"
    )
    assert modifier.status_code == 201 and modifier.json()["modifier"] == -5


def test_glossary_search_finds_a_series_terms(client: APIClient) -> None:
    GlossaryEntry.objects.create(series_id=1, source_term="Titan", target_term="Titan (de)")
    GlossaryEntry.objects.create(series_id=1, source_term="Wall", target_term="Mauer")
    GlossaryEntry.objects.create(series_id=2, source_term="Titanic", target_term="Titanic")
    found = client.get("/api/v2/glossary/search", {"series_id": "1", "query": "tit"}).json()
    assert [e["source_term"] for e in found] == ["Titan"]
    assert client.get("/api/v2/glossary/search", {"query": "tit"}).status_code == 400
    created = client.post(
        "/api/v2/glossary", {"series_id": 1, "source_term": "Eren", "target_term": "Eren"}, format="json"
    )
    assert created.status_code == 201
    assert client.post("/api/v2/glossary", {"series_id": "one"}, format="json").status_code == 400


def test_prompt_presets_have_unique_names_and_one_default(client: APIClient) -> None:
    PromptPreset.objects.create(name="Default", prompt_template="t", is_default=True)
    assert (
        client.post(
            "/api/v2/prompt-presets", {"name": "Default", "prompt_template": "x"}, format="json"
        ).status_code
        == 400
    )
    created = client.post(
        "/api/v2/prompt-presets", {"name": "Anime", "prompt_template": "x", "is_default": True}, format="json"
    )
    assert created.status_code == 201
    assert list(PromptPreset.objects.filter(is_default=True).values_list("name", flat=True)) == ["Anime"]


def test_whisper_jobs_list_without_transcripts_and_summarise(client: APIClient) -> None:
    WhisperJob.objects.create(
        id="w1",
        file_path="/a.mkv",
        status="completed",
        srt_content="1\n...",
        processing_time_ms=100,
        duration_seconds=60,
    )
    WhisperJob.objects.create(id="w2", file_path="/b.mkv", status="failed")
    assert "srt_content" not in client.get("/api/v2/whisper-jobs").json()["data"][0]
    assert client.get("/api/v2/whisper-jobs/w1").json()["srt_content"] == "1\n..."
    stats = client.get("/api/v2/whisper-jobs/stats").json()
    assert stats["total"] == 2 and stats["by_status"] == {"completed": 1, "failed": 1}
    assert stats["avg_processing_time_ms"] == 100
    assert client.post("/api/v2/whisper-jobs", {"id": "w3"}, format="json").status_code == 405


def test_watched_folders_have_unique_paths_and_media_type_choices(client: APIClient) -> None:
    WatchedFolder.objects.create(path="/media/anime")
    assert client.post("/api/v2/watched-folders", {"path": "/media/anime"}, format="json").status_code == 400
    bad = client.post("/api/v2/watched-folders", {"path": "/media/x", "media_type": "music"}, format="json")
    assert bad.status_code == 400 and "media_type" in bad.json()
    good = client.post("/api/v2/watched-folders", {"path": "/media/tv", "enabled": False}, format="json")
    assert good.status_code == 201 and good.json()["enabled"] is False
    assert WatchedFolder.objects.get(path="/media/tv").enabled is False


def test_standalone_series_movies_and_mappings_are_editable(client: APIClient) -> None:
    series = client.post(
        "/api/v2/standalone-series", {"title": "Show", "folder_path": "/tv/show"}, format="json"
    )
    assert series.status_code == 201 and series.json()["is_anime"] is False
    assert (
        client.post(
            "/api/v2/standalone-series", {"title": "Dup", "folder_path": "/tv/show"}, format="json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v2/standalone-movies", {"title": "M", "file_path": "/m.mkv"}, format="json"
        ).status_code
        == 201
    )
    assert (
        client.post("/api/v2/anidb-mappings", {"tvdb_id": 1, "anidb_id": 2}, format="json").status_code == 201
    )


def test_metadata_cache_parses_responses_and_clears(client: APIClient) -> None:
    MetadataCache.objects.create(
        cache_key="tmdb:1", provider="tmdb", response_json='{"a": 1}', expires_at="x"
    )
    MetadataCache.objects.create(cache_key="tmdb:2", provider="tmdb", response_json="{", expires_at="x")
    assert client.get("/api/v2/metadata-cache/tmdb:2").json()["response"] == {}
    assert client.get("/api/v2/metadata-cache/tmdb:1").json()["response"] == {"a": 1}
    assert client.post("/api/v2/metadata-cache/clear").json() == {"deleted": 2}
