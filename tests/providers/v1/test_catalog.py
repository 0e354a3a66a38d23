"""/api/v1/providers: the known providers in priority order, their settings fields and figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from apps.core.config import store
from apps.core.config.schema import is_secret, is_setting
from apps.core.timestamps import utcnow
from apps.providers.catalog import PROVIDER_NAMES, PROVIDERS
from apps.providers.models import ProviderStats, SubtitleDownload

pytestmark = pytest.mark.django_db


def providers(keyed: Client) -> list[dict[str, Any]]:
    response = keyed.get("/api/v1/providers")
    assert response.status_code == 200
    return response.json()["providers"]


def by_name(keyed: Client) -> dict[str, dict[str, Any]]:
    return {provider["name"]: provider for provider in providers(keyed)}


def test_it_lists_every_known_provider_as_not_initialised(keyed: Client) -> None:
    listed = providers(keyed)
    assert sorted(p["name"] for p in listed) == sorted(PROVIDER_NAMES)
    assert len(PROVIDER_NAMES) == 11
    for provider in listed:
        assert (provider["initialized"], provider["healthy"], provider["message"]) == (
            False,
            False,
            "Not initialized",
        )


def test_the_default_priorities_come_first_then_the_rest_in_registry_order(keyed: Client) -> None:
    listed = providers(keyed)
    assert [p["name"] for p in listed[:4]] == ["animetosho", "jimaku", "opensubtitles", "subdl"]
    assert [p["priority"] for p in listed[:4]] == [0, 1, 2, 3]
    assert [p["name"] for p in listed[4:]] == [
        "gestdown",
        "podnapisi",
        "kitsunekko",
        "napisy24",
        "whisper_subgen",
        "titrari",
        "legendasdivx",
    ]
    assert {p["priority"] for p in listed[4:]} == {4}


def test_the_priority_setting_orders_the_list(keyed: Client) -> None:
    store.save({"provider_priorities": " subdl , gestdown,nope"})
    listed = providers(keyed)
    assert [(p["name"], p["priority"]) for p in listed[:2]] == [("subdl", 0), ("gestdown", 1)]
    # Unlisted providers share the place after the list (its unknown name counts too).
    assert {p["priority"] for p in listed[2:]} == {3}


def test_all_are_enabled_without_the_setting_and_only_those_named_with_it(keyed: Client) -> None:
    assert all(p["enabled"] is True for p in providers(keyed))
    store.save({"providers_enabled": "jimaku, subdl"})
    enabled = {p["name"] for p in providers(keyed) if p["enabled"]}
    assert enabled == {"jimaku", "subdl"}


def test_config_fields_are_the_legacy_declarations(keyed: Client) -> None:
    listed = by_name(keyed)
    assert listed["animetosho"]["config_fields"] == []
    assert listed["jimaku"]["config_fields"] == [
        {"key": "jimaku_api_key", "label": "API Key", "type": "password", "required": True}
    ]
    assert listed["napisy24"]["config_fields"][0] == {
        "key": "username",
        "label": "Username",
        "type": "text",
        "required": False,
        "default": "subliminal",
    }


def test_a_provider_without_figures_reads_legacy_defaults(keyed: Client) -> None:
    assert by_name(keyed)["gestdown"]["stats"] == {
        "total_searches": 0,
        "successful_downloads": 0,
        "failed_downloads": 0,
        "success_rate": 0.0,
        "avg_score": 0,
        "consecutive_failures": 0,
        "last_success_at": None,
        "last_failure_at": None,
        "avg_response_time_ms": 0,
        "last_response_time_ms": 0,
        "auto_disabled": False,
        "disabled_until": "",
    }


def test_figures_and_downloads_come_from_the_tables(keyed: Client) -> None:
    ProviderStats.objects.create(
        provider_name="jimaku",
        total_searches=8,
        successful_downloads=6,
        failed_downloads=2,
        avg_score=250.5,
        avg_response_time_ms=120.0,
        last_response_time_ms=0.0,
        last_success_at="2026-11-25T10:00:00",
    )
    for fmt in ("ass", "srt", None):
        SubtitleDownload.objects.create(
            provider_name="jimaku", subtitle_id="1", language="de", format=fmt, file_path="/x.mkv"
        )
    SubtitleDownload.objects.create(
        provider_name="unknown", subtitle_id="1", language="de", format="ass", file_path="/x.mkv"
    )
    jimaku = by_name(keyed)["jimaku"]
    assert jimaku["downloads"] == 3
    stats = jimaku["stats"]
    assert stats["success_rate"] == 0.75 and stats["total_searches"] == 8 and stats["avg_score"] == 250.5
    assert stats["avg_response_time_ms"] == 120.0 and stats["last_success_at"] == "2026-11-25T10:00:00"
    # Legacy's `value or 0`: a stored 0.0 answers the integer 0.
    assert stats["last_response_time_ms"] == 0 and isinstance(stats["last_response_time_ms"], int)


def test_a_finished_cooldown_is_released_before_an_enabled_provider_is_read(keyed: Client) -> None:
    soon = (utcnow() + timedelta(minutes=30)).isoformat()
    ProviderStats.objects.create(provider_name="subdl", auto_disabled=True, disabled_until=soon)
    ProviderStats.objects.create(
        provider_name="jimaku", auto_disabled=True, disabled_until="2000-01-01T00:00:00"
    )
    listed = by_name(keyed)
    assert listed["subdl"]["stats"]["auto_disabled"] is True and listed["subdl"]["enabled"] is True
    assert listed["jimaku"]["stats"] == listed["jimaku"]["stats"] | {
        "auto_disabled": False,
        "disabled_until": "",
    }
    assert ProviderStats.objects.get(provider_name="jimaku").auto_disabled is False
    assert ProviderStats.objects.get(provider_name="subdl").auto_disabled is True


def test_a_disabled_providers_finished_cooldown_is_released_after_its_row_is_read(keyed: Client) -> None:
    store.save({"providers_enabled": "subdl"})
    ProviderStats.objects.create(
        provider_name="jimaku", auto_disabled=True, disabled_until="2000-01-01T00:00:00"
    )
    stats = by_name(keyed)["jimaku"]["stats"]
    assert (stats["auto_disabled"], stats["disabled_until"]) == (False, "2000-01-01T00:00:00")
    assert ProviderStats.objects.get(provider_name="jimaku").auto_disabled is False


def test_the_list_takes_a_constant_number_of_queries(
    keyed: Client, django_assert_max_num_queries: Any
) -> None:
    for name in PROVIDER_NAMES:
        ProviderStats.objects.create(provider_name=name, total_searches=1)
        SubtitleDownload.objects.create(
            provider_name=name, subtitle_id="1", language="de", format="ass", file_path="/x.mkv"
        )
    with django_assert_max_num_queries(8):
        assert len(providers(keyed)) == 11


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/providers").status_code == 401


def test_the_provider_fields_named_after_settings_are_settings_and_the_passwords_secret() -> None:
    named = [f for kind in PROVIDERS for f in kind.config_fields if f.key.startswith(f"{kind.name}_")]
    assert {f.key for f in named} == {
        "opensubtitles_api_key",
        "opensubtitles_username",
        "opensubtitles_password",
        "jimaku_api_key",
        "subdl_api_key",
    }
    assert all(is_setting(f.key) and is_secret(f.key) == f.secret for f in named)
