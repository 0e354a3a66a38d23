"""The translation app's figures in the legacy statistics (apps/core/statistics.py)."""

from __future__ import annotations

from typing import Any

from apps.core.statistics import figures
from apps.translation.models import TranslationBackendStats
from sublarr.db.rows import row_dicts


@figures("backend_stats")
def backend_stats() -> list[dict[str, Any]]:
    # Legacy's plain SELECT *: the table's own order.
    return row_dicts(TranslationBackendStats.objects.order_by())
