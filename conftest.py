"""Test set-up shared by every test: the dialect markers and the shared fixtures.

Tests live under tests/, mirroring the source: the tests of apps/<app>/<module>.py are in
tests/<app>/test_<module>.py, those of sublarr/ in tests/sublarr/. Fixtures used across
folders are plugins: API clients (tests/api_fixtures.py, tests/api_v1_fixtures.py) and task
queues (tests/queues.py).
"""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.api_fixtures", "tests.api_v1_fixtures", "tests.queues"]

# The data folder is a throw-away one, set by the tests.data_dir plugin (pyproject addopts).


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.db import connection

    vendor = connection.vendor
    for item in items:
        if "sqlite_only" in item.keywords and vendor != "sqlite":
            item.add_marker(pytest.mark.skip(reason="SQLite-only; covered by the SQLite pass"))
        if "postgres_only" in item.keywords and vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="PostgreSQL-only; covered by the PostgreSQL pass"))


@pytest.fixture(autouse=True)
def _fresh_dashboard_figures() -> None:
    # The dashboard keeps its figures in the cache, dropped on ORM writes; a test that loads rows
    # with raw SQL (the contract suite) must not see the figures of the test before it.
    from apps.core import dashboard

    dashboard.forget()
