"""Fixtures shared by the /api/v1 tests."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.core.api.keys import current_api_key


@pytest.fixture
def keyed() -> Client:
    """A client sending the API key in the X-Api-Key header, as the legacy frontend does."""
    return Client(HTTP_X_API_KEY=current_api_key())
