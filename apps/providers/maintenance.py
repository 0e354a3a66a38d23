"""The providers app's maintenance step: expired provider search results."""

from __future__ import annotations

from datetime import datetime

from apps.providers.models import ProviderCache
from apps.tasks.maintenance import step


@step("expired cache rows purged")
def purge_expired_provider_cache(now: datetime) -> int:
    return ProviderCache.objects.delete_expired(now)
