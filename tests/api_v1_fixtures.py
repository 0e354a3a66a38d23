"""Fixtures and helpers shared by the /api/v1 tests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sublarr.api.keys import current_api_key


@pytest.fixture
def keyed() -> Client:
    """A client sending the API key in the X-Api-Key header, as the legacy frontend does."""
    return Client(HTTP_X_API_KEY=current_api_key())


def send(client: Client, method: str, path: str, body: Any) -> Any:
    """`body` sent as JSON with `method` (get, post, put, delete ...)."""
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")
