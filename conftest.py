"""Test set-up shared by every test: the dialect markers and the shared fixtures (among them the
SQLite files migrated once per session, tests/adopted.py).

Tests live under tests/, mirroring the source: the tests of apps/<app>/<module>.py are in
tests/<app>/test_<module>.py, those of sublarr/ in tests/sublarr/, those of the files at the
project's root (./dev, the compose files) in tests/. Fixtures used across folders are plugins:
API clients (tests/api_fixtures.py, tests/api_v1_fixtures.py) and task queues (tests/queues.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.adopted import Migrated, migrated, shared_folder

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


@pytest.fixture(scope="session")
def migrated_once(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Migrated]:
    """A legacy fixture's name (or tests.adopted.NEW) -> that file as `manage.py migrate` left it.

    Migrated once per session for all workers (tests/adopted.py); copy the file before changing it.
    """
    folder = shared_folder(tmp_path_factory.getbasetemp())
    return lambda key: migrated(folder, key)
