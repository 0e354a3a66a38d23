"""/api/v2 standalone resources: watched folders, series, movies, mappings and the metadata cache."""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.standalone.models import MetadataCache, WatchedFolder


def test_watched_folders_have_unique_paths_and_media_type_choices(api_client: APIClient) -> None:
    WatchedFolder.objects.create(path="/media/anime")
    assert (
        api_client.post("/api/v2/watched-folders", {"path": "/media/anime"}, format="json").status_code == 400
    )
    bad = api_client.post(
        "/api/v2/watched-folders", {"path": "/media/x", "media_type": "music"}, format="json"
    )
    assert bad.status_code == 400 and "media_type" in bad.json()
    good = api_client.post("/api/v2/watched-folders", {"path": "/media/tv", "enabled": False}, format="json")
    assert good.status_code == 201 and good.json()["enabled"] is False
    assert WatchedFolder.objects.get(path="/media/tv").enabled is False


def test_standalone_series_movies_and_mappings_are_editable(api_client: APIClient) -> None:
    series = api_client.post(
        "/api/v2/standalone-series", {"title": "Show", "folder_path": "/tv/show"}, format="json"
    )
    assert series.status_code == 201 and series.json()["is_anime"] is False
    assert (
        api_client.post(
            "/api/v2/standalone-series", {"title": "Dup", "folder_path": "/tv/show"}, format="json"
        ).status_code
        == 400
    )
    assert (
        api_client.post(
            "/api/v2/standalone-movies", {"title": "M", "file_path": "/m.mkv"}, format="json"
        ).status_code
        == 201
    )
    assert (
        api_client.post("/api/v2/anidb-mappings", {"tvdb_id": 1, "anidb_id": 2}, format="json").status_code
        == 201
    )


def test_metadata_cache_parses_responses_and_clears(api_client: APIClient) -> None:
    MetadataCache.objects.create(
        cache_key="tmdb:1", provider="tmdb", response_json='{"a": 1}', expires_at="x"
    )
    MetadataCache.objects.create(cache_key="tmdb:2", provider="tmdb", response_json="{", expires_at="x")
    assert api_client.get("/api/v2/metadata-cache/tmdb:2").json()["response"] == {}
    assert api_client.get("/api/v2/metadata-cache/tmdb:1").json()["response"] == {"a": 1}
    assert api_client.post("/api/v2/metadata-cache/clear").json() == {"deleted": 2}
