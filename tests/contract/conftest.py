"""Endpoint bookkeeping for the contract suite: "N/M legacy endpoints match" at the end of a run.

Each scenario's reports carry its endpoints and result as user properties, which pytest-xdist
sends from the workers to the controller; the summary is computed there from the reports alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.contract.endpoints import scenario_endpoints
from tests.contract.sink import http_sink

PROPERTY = "contract_endpoints"


@pytest.fixture
def webhook_sink() -> Iterator[str]:
    """The loopback endpoint webhook scenarios deliver to (tests/contract/sink.py)."""
    with http_sink() as url:
        yield url


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--contract-write-pending",
        action="store_true",
        help="rewrite tests/contract/pending.py from this run: drop scenarios that match, "
        "list those that don't with their first difference (scenarios not run are kept)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)  # parametrized items only
        scenario = callspec and callspec.params.get("scenario")
        if scenario is not None and item.name.startswith("test_legacy_contract"):
            endpoints = [f"{m} /api/v1{t}" for m, t in scenario_endpoints(scenario)]
            item.user_properties.append((PROPERTY, json.dumps(endpoints)))
            item.user_properties.append(("contract_scenario", scenario.id))


def _outcomes(reports: list[Any]) -> tuple[dict[str, bool], dict[str, set[str]], dict[str, str]]:
    """scenario id -> matched, endpoint -> scenario ids, scenario id -> first difference."""
    matched: dict[str, bool] = {}
    endpoints: dict[str, set[str]] = defaultdict(set)
    reasons: dict[str, str] = {}
    for report in reports:
        props = dict(getattr(report, "user_properties", []) or [])
        if PROPERTY not in props:
            continue
        scenario = props["contract_scenario"]
        for endpoint in json.loads(props[PROPERTY]):
            endpoints[endpoint].add(scenario)
        ok = report.when == "call" and props.get("contract_result") == "match"
        matched[scenario] = matched.get(scenario, False) or ok
        if report.when == "call" and not ok:
            reasons[scenario] = props.get("contract_mismatch") or _crash(report)
    return matched, endpoints, reasons


def _crash(report: Any) -> str:
    text = getattr(report, "longreprtext", "") or "did not run to the end"
    lines = [line for line in text.splitlines() if line.startswith("E ")]
    return (lines[-1][1:].strip() if lines else text.splitlines()[-1]).strip()


def _literal(text: str) -> str:
    """A Python string literal in the quotes ruff format chooses: double unless that escapes more."""
    return repr(text) if text.count('"') > text.count("'") else json.dumps(text, ensure_ascii=False)


def _write_pending(matched: dict[str, bool], reasons: dict[str, str]) -> int:
    from tests.contract.cases import SCENARIOS
    from tests.contract.pending import PENDING

    pending = dict(PENDING)
    for scenario, ok in matched.items():
        if ok:
            pending.pop(scenario, None)
        else:
            pending[scenario] = reasons.get(scenario, "does not match")
    path = Path(__file__).with_name("pending.py")
    head = path.read_text().split("PENDING: dict[str, str] = {")[0]
    order = [s.id for s in SCENARIOS if s.id in pending]
    lines = [f"    {_literal(s)}: {_literal(pending[s][:200])},\n" for s in order]
    body = "".join(lines)
    path.write_text(f"{head}PENDING: dict[str, str] = {{\n{body}}}\n")
    return len(order)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller prints the summary
    reports = [r for group in terminalreporter.stats.values() for r in group if hasattr(r, "when")]
    matched, endpoints, reasons = _outcomes(reports)
    if not endpoints:
        return
    if config.getoption("--contract-write-pending", default=False):
        count = _write_pending(matched, reasons)
        terminalreporter.write_line(f"tests/contract/pending.py rewritten: {count} pending scenarios")
    # A skipped scenario (deselected dialect, say) neither proves nor disproves its endpoints.
    failing = sorted(e for e, ids in endpoints.items() if not all(matched.get(i, False) for i in ids))
    terminalreporter.section("legacy contract")
    for endpoint in failing:
        ids = sorted(i for i in endpoints[endpoint] if not matched.get(i, False))
        shown = ", ".join(ids[:4]) + (", ..." if len(ids) > 4 else "")
        terminalreporter.write_line(f"not matching: {endpoint}  ({len(ids)} scenarios: {shown})")
    good = len(endpoints) - len(failing)
    # Scenarios that matched thanks to a documented deviation (tests/contract/deviations.py),
    # and the matching endpoints they call.
    deviated = {s: r for s, r in _deviations(reports).items() if matched.get(s, False)}
    with_deviation = [e for e, ids in endpoints.items() if e not in failing and ids & set(deviated)]
    summary = f"{good}/{len(endpoints)} legacy endpoints match"
    if deviated:
        summary += f" ({len(with_deviation)} with documented deviations)"
        by_reason: dict[str, list[str]] = defaultdict(list)
        for scenario in sorted(deviated):
            by_reason[deviated[scenario]].append(scenario)
        for reason, ids in by_reason.items():
            terminalreporter.write_line(f"documented deviation ({', '.join(ids)}): {reason}")
    terminalreporter.write_line(summary)


def _deviations(reports: list[Any]) -> dict[str, str]:
    """scenario id -> reason, for the scenarios whose run applied a documented deviation."""
    out: dict[str, str] = {}
    for report in reports:
        props = dict(getattr(report, "user_properties", []) or [])
        if report.when == "call" and "contract_deviation" in props:
            out[props["contract_scenario"]] = props["contract_deviation"]
    return out
