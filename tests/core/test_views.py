"""Jobs, daily stats, config, language profiles, blacklist, upgrade history and ffprobe cache."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from rest_framework.test import APIClient

from apps.core.models import (
    BlacklistEntry,
    ConfigEntry,
    DailyStats,
    FfprobeCache,
    Job,
    LanguageProfile,
    MovieLanguageProfile,
    SeriesLanguageProfile,
)


def test_jobs_show_stats_and_arr_context_parsed(api_client: APIClient, make_job: Callable[..., Job]) -> None:
    job = make_job(stats_json='{"lines": 12}', bazarr_context_json='{"sonarr_series_id": 3}')
    row = api_client.get(f"/api/v2/jobs/{job.id}").json()
    assert row["stats"] == {"lines": 12}
    assert row["arr_context"] == {"sonarr_series_id": 3}
    assert "stats_json" not in row and "bazarr_context_json" not in row


def test_malformed_job_json_reads_as_an_empty_object(
    api_client: APIClient, make_job: Callable[..., Job]
) -> None:
    job = make_job(stats_json="{broken", bazarr_context_json="")
    row = api_client.get(f"/api/v2/jobs/{job.id}").json()
    assert (row["stats"], row["arr_context"]) == ({}, {})


def test_jobs_filter_by_status_and_are_read_only(api_client: APIClient, make_job: Callable[..., Job]) -> None:
    failed = make_job(status="failed")
    make_job(status="completed")
    assert [r["id"] for r in api_client.get("/api/v2/jobs", {"status": "failed"}).json()["data"]] == [
        failed.id
    ]
    assert api_client.post("/api/v2/jobs", {"id": "x", "file_path": "/x"}, format="json").status_code == 405
    assert (
        api_client.patch(f"/api/v2/jobs/{failed.id}", {"status": "queued"}, format="json").status_code == 405
    )
    assert api_client.delete(f"/api/v2/jobs/{failed.id}").status_code == 204


def test_jobs_stats_sum_the_last_30_days(api_client: APIClient, make_job: Callable[..., Job]) -> None:
    make_job(status="failed")
    make_job(status="completed")
    today = datetime.now(UTC).date()
    DailyStats.objects.create(
        date=today.isoformat(), translated=5, failed=1, skipped=0, by_format_json="{bad"
    )
    DailyStats.objects.create(
        date=(today - timedelta(days=40)).isoformat(), translated=100, failed=0, skipped=0
    )
    body = api_client.get("/api/v2/jobs/stats").json()
    assert body["total_jobs"] == 2 and body["by_status"] == {"failed": 1, "completed": 1}
    assert (body["translated"], body["failed"]) == (5, 1)
    assert [day["date"] for day in body["daily_stats"]] == [today.isoformat()]
    assert body["daily_stats"][0]["by_format"] == {}


def test_daily_stats_are_read_only_but_can_be_cleared(api_client: APIClient) -> None:
    DailyStats.objects.create(date="2026-01-01", translated=1)
    assert api_client.post("/api/v2/daily-stats", {"date": "2026-01-02"}, format="json").status_code == 405
    assert api_client.post("/api/v2/daily-stats/clear").json() == {"deleted": 1}
    assert not DailyStats.objects.exists()


def test_config_values_of_credential_keys_are_masked(api_client: APIClient) -> None:
    ConfigEntry.objects.create(key="sonarr_api_key", value="s3cret")
    ConfigEntry.objects.create(key="target_language", value="de")
    rows = {r["key"]: r["value"] for r in api_client.get("/api/v2/config").json()["data"]}
    assert rows == {"sonarr_api_key": "***", "target_language": "de"}
    response = api_client.put(
        "/api/v2/config/sonarr_api_key", {"key": "sonarr_api_key", "value": "new"}, format="json"
    )
    assert response.status_code == 200 and response.json()["value"] == "***"
    assert ConfigEntry.objects.get(key="sonarr_api_key").value == "new"


def test_language_profiles_take_lists_and_keep_one_default(api_client: APIClient) -> None:
    first = api_client.post(
        "/api/v2/language-profiles",
        {
            "name": "Anime",
            "target_languages": ["de", "fr"],
            "target_language_names": ["German", "French"],
            "is_default": True,
        },
        format="json",
    )
    assert first.status_code == 201, first.json()
    assert first.json()["target_languages"] == ["de", "fr"]
    second = api_client.post("/api/v2/language-profiles", {"name": "Movies"}, format="json")
    assert second.status_code == 201, second.json()
    assert LanguageProfile.objects.get(name="Movies").target_languages_json == '["de"]'


def test_v2_refuses_a_second_default_profile(api_client: APIClient) -> None:
    LanguageProfile.objects.create(name="Default", is_default=True)
    created = api_client.post(
        "/api/v2/language-profiles", {"name": "Movies", "is_default": True}, format="json"
    )
    assert created.status_code == 400 and "is_default" in created.json()
    assert not LanguageProfile.objects.filter(name="Movies").exists()
    other = LanguageProfile.objects.create(name="Anime")
    changed = api_client.patch(f"/api/v2/language-profiles/{other.pk}", {"is_default": True}, format="json")
    assert changed.status_code == 400 and "is_default" in changed.json()
    assert list(LanguageProfile.objects.filter(is_default=True).values_list("name", flat=True)) == ["Default"]


def test_v2_refuses_to_leave_no_default_profile(api_client: APIClient) -> None:
    default = LanguageProfile.objects.create(name="Default", is_default=True)
    response = api_client.patch(
        f"/api/v2/language-profiles/{default.pk}", {"is_default": False}, format="json"
    )
    assert response.status_code == 400 and "is_default" in response.json()
    assert LanguageProfile.objects.get(pk=default.pk).is_default is True


def test_v2_moves_the_default_only_through_make_default(api_client: APIClient) -> None:
    LanguageProfile.objects.create(name="Default", is_default=True)
    other = LanguageProfile.objects.create(name="Anime")
    response = api_client.post(f"/api/v2/language-profiles/{other.pk}/make-default")
    assert response.status_code == 200 and response.json()["is_default"] is True
    assert list(LanguageProfile.objects.filter(is_default=True).values_list("name", flat=True)) == ["Anime"]


def test_v2_refuses_to_delete_the_default_profile(api_client: APIClient) -> None:
    default = LanguageProfile.objects.create(name="Default", is_default=True)
    response = api_client.delete(f"/api/v2/language-profiles/{default.pk}")
    assert response.status_code == 400
    assert LanguageProfile.objects.filter(pk=default.pk).exists()


def test_a_duplicate_profile_name_or_bad_languages_is_a_400(api_client: APIClient) -> None:
    LanguageProfile.objects.create(name="Default")
    duplicate = api_client.post("/api/v2/language-profiles", {"name": "Default"}, format="json")
    assert duplicate.status_code == 400 and "name" in duplicate.json()
    bad = api_client.post("/api/v2/language-profiles", {"name": "X", "target_languages": "de"}, format="json")
    assert bad.status_code == 400 and "target_languages" in bad.json()
    mismatch = api_client.post(
        "/api/v2/language-profiles",
        {"name": "Y", "target_languages": ["de", "fr"], "target_language_names": ["German"]},
        format="json",
    )
    assert mismatch.status_code == 400 and "target_language_names" in mismatch.json()
    bad_choice = api_client.post(
        "/api/v2/language-profiles", {"name": "Z", "forced_preference": "always"}, format="json"
    )
    assert bad_choice.status_code == 400 and "forced_preference" in bad_choice.json()


def test_it_assigns_a_profile_to_a_series_and_a_movie(api_client: APIClient) -> None:
    profile = LanguageProfile.objects.create(name="Anime")
    other = LanguageProfile.objects.create(name="Other")
    for body in (
        {"type": "series", "arr_id": 12, "profile_id": profile.pk},
        {"type": "movie", "arr_id": 7, "profile_id": profile.pk},
        {"type": "series", "arr_id": 12, "profile_id": other.pk},
    ):
        assert api_client.put("/api/v2/language-profiles/assign", body, format="json").status_code == 200
    assert SeriesLanguageProfile.objects.get(sonarr_series_id=12).profile_id == other.pk
    assert MovieLanguageProfile.objects.get(radarr_movie_id=7).profile_id == profile.pk
    listed = api_client.get("/api/v2/series-profiles").json()["data"]
    assert listed == [{"sonarr_series_id": 12, "profile": other.pk}]


def test_assigning_a_missing_profile_is_a_400(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v2/language-profiles/assign", {"type": "series", "arr_id": 1, "profile_id": 999}, format="json"
    )
    assert response.status_code == 400 and "profile_id" in response.json()
    response = api_client.post(
        "/api/v2/series-profiles", {"sonarr_series_id": 1, "profile": 999}, format="json"
    )
    assert response.status_code == 400 and "profile" in response.json()
    assert not SeriesLanguageProfile.objects.exists()


def test_blacklist_check_create_duplicate_and_clear(api_client: APIClient) -> None:
    params = {"provider_name": "opensubtitles", "subtitle_id": "9"}
    assert api_client.get("/api/v2/blacklist/check", params).json() == {"blacklisted": False}
    assert (
        api_client.post("/api/v2/blacklist", {**params, "reason": "bad sync"}, format="json").status_code
        == 201
    )
    assert api_client.get("/api/v2/blacklist/check", params).json() == {"blacklisted": True}
    duplicate = api_client.post("/api/v2/blacklist", params, format="json")
    assert duplicate.status_code == 400
    assert api_client.get("/api/v2/blacklist/check", {"provider_name": "x"}).status_code == 400
    assert api_client.post("/api/v2/blacklist/clear").json() == {"deleted": 1}
    assert not BlacklistEntry.objects.exists()


def test_ffprobe_cache_is_listed_parsed_and_cleared(api_client: APIClient) -> None:
    FfprobeCache.objects.create(file_path="/a.mkv", mtime=1.5, probe_data_json='{"streams": []}')
    FfprobeCache.objects.create(file_path="/b.mkv", mtime=2.0, probe_data_json="not json")
    rows = api_client.get("/api/v2/ffprobe-cache").json()["data"]
    assert [r["probe_data"] for r in rows] == [{"streams": []}, {}]
    assert api_client.post("/api/v2/ffprobe-cache/clear", QUERY_STRING="file_path=/a.mkv").json() == {
        "deleted": 1
    }
    assert list(FfprobeCache.objects.values_list("file_path", flat=True)) == ["/b.mkv"]


def test_upgrade_history_is_read_only(api_client: APIClient) -> None:
    assert api_client.get("/api/v2/upgrade-history").status_code == 200
    assert api_client.post("/api/v2/upgrade-history", {"file_path": "/x"}, format="json").status_code == 405
