"""Test set-up shared by every app: an isolated data folder and the dialect markers."""

from __future__ import annotations

import os
import tempfile

import pytest

# Before Django reads its settings: tests never touch ./data (secrets, the SQLite file).
os.environ.setdefault("SUBLARR_DATA_DIR", tempfile.mkdtemp(prefix="sublarr-test-data-"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.db import connection

    vendor = connection.vendor
    for item in items:
        if "sqlite_only" in item.keywords and vendor != "sqlite":
            item.add_marker(pytest.mark.skip(reason="SQLite-only; covered by the SQLite pass"))
        if "postgres_only" in item.keywords and vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="PostgreSQL-only; covered by the PostgreSQL pass"))
