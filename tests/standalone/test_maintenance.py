"""AniDB mappings unused for 90 days are dropped."""

from __future__ import annotations

from datetime import timedelta

import pytest

from apps.standalone.maintenance import drop_unused_anidb_mappings
from apps.standalone.models import AnidbMapping
from tests.moments import NOW, plain

pytestmark = pytest.mark.django_db


def test_anidb_mappings_unused_for_90_days_are_dropped() -> None:
    AnidbMapping.objects.create(tvdb_id=1, anidb_id=10, last_used=plain(NOW - timedelta(days=91)))
    AnidbMapping.objects.create(tvdb_id=2, anidb_id=20, last_used=plain(NOW - timedelta(days=89)))
    AnidbMapping.objects.create(
        tvdb_id=3, anidb_id=30, last_used=None, created_at=plain(NOW - timedelta(days=100))
    )

    assert drop_unused_anidb_mappings(NOW) == 2
    assert list(AnidbMapping.objects.values_list("tvdb_id", flat=True)) == [2]
