"""The /metrics tests count on every scrape unless a test asks for the background recount."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from apps.core.metrics import QUEUE_COUNTS


@pytest.fixture(autouse=True)
def count_every_scrape() -> Iterator[None]:
    QUEUE_COUNTS.values = None
    with override_settings(METRICS_REFRESH_SECONDS=0):
        yield
    QUEUE_COUNTS.values = None
