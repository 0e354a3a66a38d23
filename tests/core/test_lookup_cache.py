"""Provider and metadata look-ups: the cache answers first, the tables stay the record."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache

from apps.providers.cache import cached_results, store_results
from apps.providers.models import ProviderCache
from apps.standalone.cache import cached_metadata, store_metadata
from apps.standalone.models import MetadataCache
from sublarr.services import embedded_services, redis_services
from tests.queues import purge_redis, services_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def django_cache(request: pytest.FixtureRequest) -> Iterator[str]:
    # Never cache.clear() on Redis: it flushes the whole database, other tests' keys too.
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        prefix = f"sublarr-test-{uuid.uuid4().hex[:10]}"
        with services_settings(redis_services(url, prefix)):
            yield request.param
        purge_redis(url, prefix)
    else:
        with services_settings(embedded_services()):
            cache.clear()
            yield request.param


def in_an_hour() -> str:
    return (datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=1)).isoformat()


def test_a_table_hit_fills_the_cache_which_then_answers_alone(django_cache: str) -> None:
    ProviderCache.objects.create(
        provider_name="opensubtitles", query_hash="q1", results_json='[{"id": 1}]', expires_at=in_an_hour()
    )
    assert cached_results("opensubtitles", "q1") == [{"id": 1}]
    ProviderCache.objects.all().delete()
    assert cached_results("opensubtitles", "q1") == [{"id": 1}]  # served by the cache


def test_an_expired_row_is_a_miss(django_cache: str) -> None:
    MetadataCache.objects.create(
        cache_key="tmdb:1", provider="tmdb", response_json="{}", expires_at="2000-01-01 00:00:00"
    )
    assert cached_metadata("tmdb:1") is None


def test_a_store_writes_the_record_and_the_cache(django_cache: str) -> None:
    store_results("podnapisi", "q2", [{"id": 2}], ttl_seconds=600)
    store_metadata("anilist:5", "anilist", {"title": "X"}, ttl_seconds=600)

    assert json.loads(ProviderCache.objects.get(query_hash="q2").results_json) == [{"id": 2}]
    assert json.loads(MetadataCache.objects.get(cache_key="anilist:5").response_json) == {"title": "X"}
    ProviderCache.objects.all().delete()
    MetadataCache.objects.all().delete()
    assert cached_results("podnapisi", "q2") == [{"id": 2}]
    assert cached_metadata("anilist:5") == {"title": "X"}


def test_a_cold_cache_falls_back_to_the_table(django_cache: str) -> None:
    store_metadata("tvdb:9", "tvdb", {"id": 9}, ttl_seconds=600)
    cache.delete("metadata:tvdb:9")  # e.g. a Redis restart
    assert cached_metadata("tvdb:9") == {"id": 9}
