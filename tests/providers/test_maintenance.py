"""Expired cache rows go, in both timestamp spellings (provider and metadata caches)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from apps.providers.maintenance import purge_expired_provider_cache
from apps.providers.models import ProviderCache
from apps.standalone.maintenance import purge_expired_metadata_cache
from apps.standalone.models import MetadataCache
from tests.moments import NOW, iso, plain

pytestmark = pytest.mark.django_db


def test_expired_cache_rows_go_and_live_ones_stay() -> None:
    ProviderCache.objects.create(
        provider_name="a", query_hash="old", results_json="[]", expires_at=iso(NOW - timedelta(seconds=1))
    )
    ProviderCache.objects.create(
        provider_name="a", query_hash="new", results_json="[]", expires_at=iso(NOW + timedelta(hours=1))
    )
    MetadataCache.objects.create(
        cache_key="old", provider="tmdb", response_json="{}", expires_at=plain(NOW - timedelta(hours=1))
    )
    # Same day, later hour, in SQLite's spelling: a plain string comparison would call it expired.
    MetadataCache.objects.create(
        cache_key="later", provider="tmdb", response_json="{}", expires_at=plain(NOW + timedelta(hours=2))
    )

    assert purge_expired_provider_cache(NOW) + purge_expired_metadata_cache(NOW) == 2
    assert list(ProviderCache.objects.values_list("query_hash", flat=True)) == ["new"]
    assert list(MetadataCache.objects.values_list("cache_key", flat=True)) == ["later"]
