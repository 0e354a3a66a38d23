"""A 200-row page costs the same few queries as a 1-row page, on every list (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from apps.core.models import LanguageProfile, SeriesLanguageProfile, WantedItem
from apps.hooks.models import HookLog
from apps.providers.models import SubtitleDownload
from apps.translation.models import WhisperJob

# count + keys of the page + rows of the page
PAGE_QUERIES = 3


def fill_wanted(numbers: range) -> None:
    WantedItem.objects.bulk_create(
        WantedItem(
            item_type="episode",
            file_path=f"/tv/{i}.mkv",
            missing_languages='["de"]',
            added_at=f"2026-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}",
        )
        for i in numbers
    )


def fill_series_profiles(numbers: range) -> None:
    # Each row points at its own profile: an N+1 on `profile` would show.
    profiles = LanguageProfile.objects.bulk_create(LanguageProfile(name=f"p{i}") for i in numbers)
    SeriesLanguageProfile.objects.bulk_create(
        SeriesLanguageProfile(sonarr_series_id=i, profile=p) for i, p in zip(numbers, profiles, strict=True)
    )


def fill_downloads(numbers: range) -> None:
    SubtitleDownload.objects.bulk_create(
        SubtitleDownload(provider_name="p", subtitle_id=str(i), language="de", file_path=f"/{i}")
        for i in numbers
    )


def fill_hook_log(numbers: range) -> None:
    HookLog.objects.bulk_create(HookLog(event_name="e", hook_type="script", success=True) for _ in numbers)


def fill_whisper(numbers: range) -> None:
    WhisperJob.objects.bulk_create(WhisperJob(id=f"w{i}", file_path=f"/{i}") for i in numbers)


CASES: dict[str, tuple[str, Callable[[range], None]]] = {
    "wanted": ("/api/v2/wanted", fill_wanted),
    "wanted-filtered": ("/api/v2/wanted?status=wanted&item_type=episode", fill_wanted),
    "series-profiles": ("/api/v2/series-profiles", fill_series_profiles),
    "subtitle-downloads": ("/api/v2/subtitle-downloads", fill_downloads),
    "hook-logs": ("/api/v2/hook-logs", fill_hook_log),
    "whisper-jobs": ("/api/v2/whisper-jobs", fill_whisper),
}


def queries_for_page(api_client: APIClient, path: str) -> tuple[int, int]:
    separator = "&" if "?" in path else "?"
    with CaptureQueriesContext(connection) as captured:
        response = api_client.get(f"{path}{separator}per_page=200")
    assert response.status_code == 200
    return len(captured), len(response.json()["data"])


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_200_row_page_uses_a_constant_number_of_queries(api_client: APIClient, case: str) -> None:
    path, fill = CASES[case]
    fill(range(1))
    small, rows = queries_for_page(api_client, path)
    assert rows == 1
    fill(range(1, 251))
    large, rows = queries_for_page(api_client, path)
    assert rows == 200
    assert large == small <= PAGE_QUERIES


@pytest.mark.parametrize(
    "path", ["/api/v2/wanted", "/api/v2/jobs", "/api/v2/language-profiles", "/api/v2/webhooks"]
)
def test_page_1000_uses_as_few_queries_as_page_1(
    api_client: APIClient, django_assert_max_num_queries, path: str
) -> None:
    fill_wanted(range(3))
    with django_assert_max_num_queries(PAGE_QUERIES):
        api_client.get(path, {"page": 1})
    with django_assert_max_num_queries(PAGE_QUERIES):
        api_client.get(path, {"page": 1000})
