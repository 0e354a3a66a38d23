"""/api/v1 providers from the tables: stats, re-enable, cache clear; and /backends/stats."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from apps.core.timestamps import utcnow
from apps.providers.models import ProviderCache, ProviderStats, SubtitleDownload
from apps.translation.models import TranslationBackendStats

pytestmark = pytest.mark.django_db
PAST, FUTURE = "2000-01-01T00:00:00", "2999-01-01T00:00:00"


def send(keyed: Client, path: str, body: Any) -> Any:
    return keyed.post(path, json.dumps(body), content_type="application/json")


def cache_row(provider: str, expires_at: str) -> ProviderCache:
    count = ProviderCache.objects.count()
    return ProviderCache.objects.create(
        provider_name=provider, query_hash=str(count), results_json="[]", expires_at=expires_at
    )


def test_stats_count_cache_rows_active_in_both_timestamp_spellings(keyed: Client) -> None:
    for expires_at in (PAST, "2000-01-01 00:00:00", FUTURE, "2999-01-01 00:00:00", ""):
        cache_row("opensubtitles", expires_at)
    cache_row("jimaku", FUTURE)
    cache = keyed.get("/api/v1/providers/stats").json()["cache"]
    assert cache == {"opensubtitles": {"total": 5, "active": 2}, "jimaku": {"total": 1, "active": 1}}


def test_stats_count_downloads_by_format_with_unknown_for_none(keyed: Client) -> None:
    for fmt in ("ass", "ass", "srt", None):
        SubtitleDownload.objects.create(
            provider_name="jimaku", subtitle_id="1", language="de", format=fmt, file_path="/x.mkv"
        )
    downloads = keyed.get("/api/v1/providers/stats").json()["downloads"]
    assert downloads == {"jimaku": {"total": 4, "by_format": {"ass": 2, "srt": 1, "unknown": 1}}}


def test_performance_has_the_row_a_success_rate_and_the_live_auto_disable(keyed: Client) -> None:
    soon = (utcnow() + timedelta(minutes=30)).isoformat()
    ProviderStats.objects.create(
        provider_name="a", total_searches=4, successful_downloads=3, auto_disabled=True, disabled_until=soon
    )
    ProviderStats.objects.create(provider_name="b", total_searches=0, auto_disabled=True, disabled_until=PAST)
    performance = keyed.get("/api/v1/providers/stats").json()["performance"]
    assert performance["a"]["success_rate"] == 0.75 and performance["a"]["auto_disabled"] is True
    assert performance["a"]["disabled_until"] == soon and performance["a"]["total_searches"] == 4
    # b's cooldown is over: legacy re-enabled it while answering.
    assert performance["b"]["success_rate"] == 0.0 and performance["b"]["auto_disabled"] is False
    assert ProviderStats.objects.get(provider_name="b").auto_disabled is False


def test_the_stats_take_a_constant_number_of_queries(
    keyed: Client, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        ProviderStats.objects.create(provider_name=f"p{n}")
        cache_row(f"p{n}", FUTURE)
    with django_assert_max_num_queries(8):
        assert len(keyed.get("/api/v1/providers/stats").json()["performance"]) == 30


def test_enabling_clears_the_auto_disable_and_the_failure_streak(keyed: Client) -> None:
    soon = (utcnow() + timedelta(minutes=30)).isoformat()
    ProviderStats.objects.create(
        provider_name="jimaku", auto_disabled=True, disabled_until=soon, consecutive_failures=5
    )
    response = keyed.post("/api/v1/providers/jimaku/enable")
    assert response.json() == {
        "status": "enabled",
        "provider": "jimaku",
        "message": "Provider 'jimaku' has been re-enabled",
    }
    stats = ProviderStats.objects.get(provider_name="jimaku")
    assert (stats.auto_disabled, stats.disabled_until, stats.consecutive_failures) == (False, "", 0)
    again = keyed.post("/api/v1/providers/jimaku/enable").json()
    assert again["status"] == "already_enabled"
    assert again["message"] == "Provider 'jimaku' is not auto-disabled"


def test_enabling_an_unknown_provider_says_already_enabled(keyed: Client) -> None:
    assert keyed.post("/api/v1/providers/nobody/enable").json()["status"] == "already_enabled"


def test_clearing_the_cache_of_one_provider_or_all(keyed: Client) -> None:
    cache_row("a", FUTURE)
    cache_row("b", FUTURE)
    assert send(keyed, "/api/v1/providers/cache/clear", {"provider_name": "a"}).json() == {
        "status": "cleared",
        "provider": "a",
    }
    assert list(ProviderCache.objects.values_list("provider_name", flat=True)) == ["b"]
    assert keyed.post("/api/v1/providers/cache/clear").json() == {"status": "cleared", "provider": "all"}
    assert not ProviderCache.objects.exists()


def test_a_provider_name_that_is_not_text_clears_nothing(keyed: Client) -> None:
    cache_row("a", FUTURE)
    response = send(keyed, "/api/v1/providers/cache/clear", {"provider_name": ["a"]})
    assert response.status_code == 400
    assert ProviderCache.objects.count() == 1


def test_backend_stats_are_the_stored_rows_by_name(keyed: Client) -> None:
    TranslationBackendStats.objects.create(backend_name="ollama", total_requests=3, updated_at="2026-01-01")
    TranslationBackendStats.objects.create(backend_name="deepl", updated_at="2026-01-01")
    stats = keyed.get("/api/v1/backends/stats").json()["stats"]
    assert [s["backend_name"] for s in stats] == ["deepl", "ollama"]
    assert stats[1]["total_requests"] == 3 and stats[0]["total_requests"] == 0
    assert "consecutive_failures" in stats[0]
