"""Provider search results: cache first, provider_cache table as the record."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from apps.core.lookup_cache import read_through, remember, seconds_left
from apps.providers.models import ProviderCache


def cache_key(provider_name: str, query_hash: str) -> str:
    return f"provider:{provider_name}:{query_hash}"


def cached_results(provider_name: str, query_hash: str) -> list[Any] | None:
    def load() -> tuple[Any, str] | None:
        row = (
            ProviderCache.objects.filter(provider_name=provider_name, query_hash=query_hash)
            .order_by("-cached_at")
            .first()
        )
        if row is None or seconds_left(row.expires_at) <= 0:
            return None
        return ProviderCache._meta.get_field("results_json").parse(row.results_json), row.expires_at

    return read_through(cache_key(provider_name, query_hash), load)


def store_results(provider_name: str, query_hash: str, results: list[Any], ttl_seconds: int) -> None:
    expires_at = (datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=ttl_seconds)).isoformat()
    # Legacy kept one row per (provider, query): replace it.
    ProviderCache.objects.filter(provider_name=provider_name, query_hash=query_hash).delete()
    ProviderCache.objects.create(
        provider_name=provider_name,
        query_hash=query_hash,
        results_json=json.dumps(results),
        expires_at=expires_at,
    )
    remember(cache_key(provider_name, query_hash), results, ttl_seconds)
