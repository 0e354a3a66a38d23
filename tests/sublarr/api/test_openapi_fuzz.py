"""Property-based run of every operation of /api/v1 and /api/v2 (schemathesis, in-process WSGI).

Each operation gets a handful of generated requests (valid and invalid ones), sent with the API
key; no response may be a 5xx or break the documented response schema. Bounded (few examples,
derandomized, no shrinking) to stay around half a minute in CI, where the suite runs twice: a
request body has the most room for a bad value, so operations that take one get more examples
than reads and deletes, whose only inputs are the path and query parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from apps.tasks.models import WorkerHeartbeat
from sublarr.api.keys import current_api_key
from sublarr.api.schema import generate_schema
from sublarr.services import embedded_services
from tests.queues import services_settings

# Both versions in one document: the legacy contract (v1) and the table API (v2).
ALL_VERSIONS = generate_schema()
schema = schemathesis.openapi.from_dict(ALL_VERSIONS)
schema.app = get_wsgi_application()
# Generated examples only: the coverage phase sends hundreds of boundary cases per operation,
# minutes in all, where this run has to stay within a CI minute.
schema.config.phases.coverage.enabled = False
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
BODY_METHODS = ["POST", "PUT", "PATCH"]
with_body = schema.include(method=BODY_METHODS)
without_body = schema.exclude(method=BODY_METHODS)


def bounded(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    # Requests go through the real WSGI handler, which closes the connection after each one; the
    # test's transaction lives on that connection (Django's test client disconnects these too).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def a_server_of_its_own(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    # /api/v1/health answers 503 when no worker would run queued tasks, which is true of this
    # in-process run: give it the embedded worker every server runs, so a 5xx still means a bug.
    # Backups the run makes go to a folder of its own, not the one other tests list.
    if "django_db" not in request.keywords:
        yield
        return
    request.getfixturevalue("db")
    with services_settings(
        {**embedded_services(), "REDIS_URL": "", "SUBLARR_BACKUP_DIR": tmp_path / "backups"}
    ):
        now = timezone.now()
        WorkerHeartbeat.objects.create(worker_id="fuzz", started_at=now, last_seen=now + timedelta(days=1))
        yield


def call_and_validate(case: Any) -> None:
    case.call_and_validate(headers={"X-Api-Key": current_api_key()}, checks=CHECKS)


@pytest.mark.django_db
@with_body.parametrize()
@bounded(max_examples=4)
def test_no_operation_with_a_body_answers_5xx_or_off_schema(case: Any) -> None:
    call_and_validate(case)


@pytest.mark.django_db
@without_body.parametrize()
@bounded(max_examples=3)
def test_no_read_or_delete_answers_5xx_or_off_schema(case: Any) -> None:
    call_and_validate(case)


def test_every_operation_is_fuzzed() -> None:
    def labels(part: Any) -> set[str]:
        return {result.ok().label for result in part.get_all_operations()}

    fuzzed = labels(with_body) | labels(without_body)
    assert fuzzed == labels(schema)
    assert len(fuzzed) == sum(
        method in {"get", "post", "put", "patch", "delete", "head", "options", "trace"}
        for operations in ALL_VERSIONS["paths"].values()
        for method in operations
    )
