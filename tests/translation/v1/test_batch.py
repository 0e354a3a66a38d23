"""/api/v1/batch/status: the translation batch state, idle since this server starts no batch."""

from __future__ import annotations

import pytest
from django.test import Client

from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


def test_the_batch_is_idle_in_the_legacy_shape() -> None:
    api = Client(HTTP_X_API_KEY=current_api_key())
    first = api.get("/api/v1/batch/status")
    assert first.status_code == 200
    assert first.json() == {
        "running": False,
        "total": 0,
        "processed": 0,
        "succeeded": 0,
        "failed": 0,
        "skipped": 0,
        "current_file": None,
        "errors": [],
    }
    assert api.get("/api/v1/batch/status/").json() == first.json()


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/batch/status").status_code == 401
