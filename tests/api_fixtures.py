"""Clients for the /api/v2 tests: with the API key, without it, and as a logged-in admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from apps.core.models import Job, WantedItem
from sublarr.api.keys import current_api_key


@pytest.fixture
def api_key() -> str:
    return current_api_key()


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def api_client(db: None, api_key: str) -> APIClient:
    """A client that sends the key as legacy clients do, in the X-Api-Key header."""
    return APIClient(headers={"X-Api-Key": api_key})


@pytest.fixture
def staff_client(db: None) -> APIClient:
    user = User.objects.create_user("admin", password="not-a-real-password", is_staff=True)
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(user)
    return session


def wanted_maker() -> Callable[..., WantedItem]:
    """Makes wanted episodes, each with its own path and a later `added_at`; values override."""
    counter = iter(range(1, 10**9))

    def make(**values: Any) -> WantedItem:
        n = next(counter)
        defaults: dict[str, Any] = {
            "item_type": "episode",
            "file_path": f"/tv/Show/S01E{n:02d}.mkv",
            "title": f"Show {n}",
            "missing_languages": '["de"]',
            "added_at": f"2026-01-01T00:00:{n % 60:02d}.{n:06d}",
        }
        return WantedItem.objects.create(**{**defaults, **values})

    return make


@pytest.fixture
def make_wanted(db: None) -> Callable[..., WantedItem]:
    return wanted_maker()


@pytest.fixture
def make_job(db: None) -> Callable[..., Job]:
    counter = iter(range(1, 10**9))

    def make(**values: Any) -> Job:
        n = next(counter)
        defaults: dict[str, Any] = {"id": f"job{n:04d}", "file_path": f"/tv/{n}.ass", "status": "completed"}
        return Job.objects.create(**{**defaults, **values})

    return make
