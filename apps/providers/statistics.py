"""The providers app's figures in the legacy statistics (apps/core/statistics.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count

from apps.core.statistics import figures
from apps.providers.models import ProviderStats, SubtitleDownload
from sublarr.db.rows import row_dicts


@figures("providers")
def provider_stats() -> dict[str, dict[str, Any]]:
    """Legacy get_provider_stats(): every provider_stats row, by provider name."""
    return {row["provider_name"]: row for row in row_dicts(ProviderStats.objects.order_by())}


@figures("downloads_by_provider")
def downloads_by_provider(name_key: str) -> list[dict[str, Any]]:
    """Downloads and their mean score per provider, in provider order (legacy's GROUP BY order)."""
    grouped = (
        SubtitleDownload.objects.order_by("provider_name")
        .values_list("provider_name")
        .annotate(count=Count("pk"), avg_score=Avg("score"))
    )
    # Legacy: round(avg or 0, 1), so a provider whose scores are all NULL has the integer 0.
    return [
        {name_key: name, "count": count, "avg_score": round(float(avg), 1) if avg else 0}
        for name, count, avg in grouped
    ]
