"""Metadata look-ups (TMDB, AniList, TVDB): cache first, metadata_cache table as the record."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from apps.core.lookup_cache import read_through, remember, seconds_left
from apps.standalone.models import MetadataCache


def _key(cache_key: str) -> str:
    return f"metadata:{cache_key}"


def cached_metadata(cache_key: str) -> Any:
    def load() -> tuple[Any, str] | None:
        row = MetadataCache.objects.filter(cache_key=cache_key).first()
        if row is None or seconds_left(row.expires_at) <= 0:
            return None
        return MetadataCache._meta.get_field("response_json").parse(row.response_json), row.expires_at

    return read_through(_key(cache_key), load)


def store_metadata(cache_key: str, provider: str, response: Any, ttl_seconds: int) -> None:
    expires_at = (datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=ttl_seconds)).isoformat()
    MetadataCache.objects.update_or_create(
        cache_key=cache_key,
        defaults={"provider": provider, "response_json": json.dumps(response), "expires_at": expires_at},
    )
    remember(_key(cache_key), response, ttl_seconds)
