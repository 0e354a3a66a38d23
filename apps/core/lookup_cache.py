"""Read-through caching of provider and metadata look-ups.

Django's cache (Redis when configured, local memory otherwise) answers first; on a miss the
legacy table (provider_cache, metadata_cache), which stays the record, answers and refills the
cache for the rest of the row's lifetime. Writes go to the table first, then the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache

MISSING = object()


def parse_legacy_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        return None
    return (
        moment.replace(tzinfo=None) if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)
    )


def seconds_left(expires_at: str | None) -> int:
    moment = parse_legacy_time(expires_at)
    if moment is None:
        return 0
    return int((moment - datetime.now(UTC).replace(tzinfo=None)).total_seconds())


def read_through(key: str, load: Callable[[], tuple[Any, str] | None]) -> Any:
    """The cached value for `key`, else `load()` -> (value, expires_at) from the table, or None."""
    value = cache.get(key, MISSING)
    if value is not MISSING:
        return value
    loaded = load()
    if loaded is None:
        return None
    value, expires_at = loaded
    ttl = seconds_left(expires_at)
    if ttl <= 0:
        return None  # expired in the table: maintenance purges it
    cache.set(key, value, ttl)
    return value


def remember(key: str, value: Any, ttl: int) -> None:
    cache.set(key, value, ttl)
