"""Test set-up shared by every test: the dialect markers and the shared fixtures (among them the
SQLite files migrated once per session, tests/adopted.py).

Tests live under tests/, mirroring the source: the tests of apps/<app>/<module>.py are in
tests/<app>/test_<module>.py, those of sublarr/ in tests/sublarr/, those of the files at the
project's root (./dev, the compose files) in tests/. Fixtures used across folders are plugins:
API clients (tests/api_fixtures.py, tests/api_v1_fixtures.py) and task queues (tests/queues.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings

from tests.adopted import Migrated, migrated, shared_folder

pytest_plugins = ["tests.api_fixtures", "tests.api_v1_fixtures", "tests.queues"]

# The data folder is a throw-away one, set by the tests.data_dir plugin (pyproject addopts).


def pytest_configure(config: pytest.Config) -> None:
    # collectstatic's folder, empty and of this process: WhiteNoise warns at every new client when
    # it is missing (a clean checkout has none), and tests must not write into the checkout's.
    # Here, not in a fixture: some test modules build the WSGI application when imported.
    override_settings(STATIC_ROOT=tempfile.mkdtemp(prefix="sublarr-test-static-")).enable()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.db import connection

    vendor = connection.vendor
    for item in items:
        if "sqlite_only" in item.keywords and vendor != "sqlite":
            item.add_marker(pytest.mark.skip(reason="SQLite-only; covered by the SQLite pass"))
        if "postgres_only" in item.keywords and vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="PostgreSQL-only; covered by the PostgreSQL pass"))


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing(django_test_environment: None) -> None:
    # Every user a test makes gets a password hash: at PBKDF2's full cost that is half a second
    # of CPU per user. Subprocesses and servers the tests start hash as users' installations do.
    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()


@pytest.fixture(autouse=True)
def _fresh_dashboard_figures() -> None:
    # The dashboard keeps its figures in the cache, dropped on ORM writes; a test that loads rows
    # with raw SQL (the contract suite) must not see the figures of the test before it.
    from apps.core import dashboard

    dashboard.forget()


@pytest.fixture(scope="session")
def migrated_once(
    tmp_path_factory: pytest.TempPathFactory, django_db_blocker: Any
) -> Callable[[str], Migrated]:
    """A legacy fixture's name (or tests.adopted.NEW) -> that file as `migrate` left it.

    Migrated once per session for all workers (tests/adopted.py); copy the file before changing it.
    """
    folder = shared_folder(tmp_path_factory.getbasetemp())

    def once(key: str) -> Migrated:
        with django_db_blocker.unblock():
            return migrated(folder, key)

    return once
