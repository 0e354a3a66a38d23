"""The standalone app's maintenance steps: expired metadata, AniDB mappings no longer used."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q

from apps.core.timestamps import earlier_than
from apps.standalone.models import AnidbMapping, MetadataCache
from apps.tasks.maintenance import step

ANIDB_UNUSED_DAYS = 90


@step("expired cache rows purged")
def purge_expired_metadata_cache(now: datetime) -> int:
    return MetadataCache.objects.delete_expired(now)


@step("unused anidb_mappings dropped")
def drop_unused_anidb_mappings(now: datetime) -> int:
    cutoff = now - timedelta(days=ANIDB_UNUSED_DAYS)
    unused = earlier_than("last_used", cutoff) | (
        Q(last_used__isnull=True) & earlier_than("created_at", cutoff)
    )
    return AnidbMapping.objects.filter(unused).delete()[0]
