"""Replay every legacy golden response against /api/v1 on the same data and compare.

Per scenario: the fixture's rows go into the test database, each recorded request is sent with
the API key, and the answer must have the legacy status, content type, keys, value types and
values (volatile paths by type only, unordered lists in any order). Scenarios listed in
tests/contract/pending.py are expected to fail (strict: one that starts matching fails until
it is taken off the list). tests/contract/conftest.py prints "N/M legacy endpoints match".

One scenario: .venv/bin/python -m pytest tests/contract -q -k 'wanted.status.ignore'
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from sublarr.api.keys import current_api_key
from tests.contract.cases import SCENARIOS
from tests.contract.compare import Mismatch, compare
from tests.contract.deviation import Instead, expected_step
from tests.contract.deviations import DEVIATIONS
from tests.contract.loading import GOLDEN, load_fixture
from tests.contract.pending import PENDING
from tests.contract.scenario import API, NO_BODY, Scenario, Step, fill, pick


def _params() -> list[Any]:
    out = []
    for scenario in SCENARIOS:
        marks = []
        if scenario.id in PENDING:
            marks.append(pytest.mark.xfail(strict=True, reason=PENDING[scenario.id]))
        out.append(pytest.param(scenario, id=scenario.id, marks=marks))
    return out


def _send(client: Client, step: Step, values: dict[str, Any]) -> Any:
    path = API + fill(step.path, values)
    if step.query:
        path += "?" + urlencode(fill(step.query, values), doseq=True)
    if step.json is NO_BODY:
        return client.generic(step.method, path)
    body = json.dumps(fill(step.json, values))  # as the recorder sent it, keys in the scenario's order
    return client.generic(step.method, path, body, content_type="application/json")


def _undated(header: str | None) -> str | None:
    """The header with a YYYYMMDD date (today's, in a download's file name) masked."""
    return None if header is None else re.sub(r"(?<!\d)\d{8}(?!\d)", "YYYYMMDD", header)


def _check_step(
    n: int, step: Step, golden: dict[str, Any], response: Any, instead: Instead | None = None
) -> Any:
    where = f"step {n} {golden['request']['method']} {golden['request']['path']}"
    # A documented deviation (tests/contract/deviations.py) turns the golden into the answer we
    # give instead on its declared status/paths; everything else is still the golden.
    golden, extra_volatile = expected_step(golden, instead)
    volatile = (*step.volatile, *extra_volatile)
    if instead is not None:
        where += " (documented deviation)"
    mimetype = response.headers.get("Content-Type", "").split(";")[0].strip()
    body: Any = None
    if mimetype == "application/json":
        body = json.loads(response.content or b"null")
    if response.status_code != golden["status"]:
        shown = body if body is not None else f"{mimetype or 'no'} body of {len(response.content)} bytes"
        raise Mismatch(f"{where}: status legacy {golden['status']} != got {response.status_code} ({shown!r})")
    if golden["status"] >= 400 and golden["content_type"] == "text/html":
        return body  # Werkzeug's own HTML error page: the status is the contract, not the markup
    if golden["status"] == 204:
        # Flask's `return "", 204` labels the empty body text/html; only its emptiness counts.
        if response.content:
            raise Mismatch(f"{where}: legacy 204 has no body, got {response.content[:300]!r}")
        return None
    if mimetype != golden["content_type"]:
        raise Mismatch(f"{where}: content type legacy {golden['content_type']!r} != got {mimetype!r}")
    for name, value in golden.get("headers", {}).items():
        got = response.headers.get(name)
        if _undated(value) != _undated(got):
            raise Mismatch(f"{where}: header {name}: legacy {value!r} != got {got!r}")
    try:
        if "json" in golden:
            compare(golden["json"], body, volatile, step.unordered)
        else:
            compare(golden["text"], response.content.decode())
    except Mismatch as exc:
        raise Mismatch(f"{where}: {exc}") from None
    return body


@pytest.mark.parametrize("scenario", _params())
def test_legacy_contract(
    scenario: Scenario, db: None, record_property: Any, request: pytest.FixtureRequest
) -> None:
    golden_file = GOLDEN / f"{scenario.id}.json"
    if not golden_file.exists():
        pytest.fail(f"no golden for {scenario.id}: run tests/contract/record_legacy.py (see its docstring)")
    golden = json.loads(golden_file.read_text())
    assert len(golden["steps"]) == len(scenario.steps), "golden is stale: re-record it"
    if scenario.http_sink:
        request.getfixturevalue("webhook_sink")
    load_fixture(scenario.fixture)
    if scenario.setup_sql:
        with connection.cursor() as cur:
            for statement in scenario.setup_sql:
                cur.execute(statement)
    caches["default"].clear()
    client = Client(headers={"X-Api-Key": current_api_key()})
    values: dict[str, Any] = {}
    record_property("contract_result", "mismatch")
    deviation = DEVIATIONS.get(scenario.id)
    for n, (step, recorded) in enumerate(zip(scenario.steps, golden["steps"], strict=True), 1):
        instead = deviation.steps.get(n) if deviation else None
        try:
            body = _check_step(n, step, recorded, _send(client, step, values), instead)
        except Mismatch as exc:
            record_property("contract_mismatch", str(exc))
            raise
        for name, where in step.capture.items():
            values[name] = pick(body, where)
    record_property("contract_result", "match")
    if deviation:
        record_property("contract_deviation", deviation.reason)
