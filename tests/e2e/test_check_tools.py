"""The browser check's own parts that need no browser: classification, expected rows, the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.check_frontend import ROWS, expected_rows
from tests.e2e.endpoints import ENDPOINTS, EXTERNAL, TABLE, UNKNOWN, classify
from tests.e2e.report import Call, View, report

LEGACY = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"


@pytest.mark.parametrize(
    ("method", "path", "kind"),
    [
        ("GET", "/api/v1/wanted", TABLE),
        ("GET", "/api/v1/wanted/", TABLE),
        ("GET", "/api/v1/library", EXTERNAL),
        ("GET", "/api/v1/health", EXTERNAL),
        ("POST", "/api/v1/wanted", UNKNOWN),
        ("GET", "/api/v1/wanted/summary/extra", UNKNOWN),
        ("GET", "/api/v1/no-such-thing", UNKNOWN),
    ],
)
def test_it_classifies_a_call_by_method_and_exact_path(method: str, path: str, kind: str) -> None:
    assert classify(method, path)[0] == kind


def test_each_classified_endpoint_names_its_legacy_route() -> None:
    assert len({(e.method, e.path) for e in ENDPOINTS}) == len(ENDPOINTS)
    for endpoint in ENDPOINTS:
        assert endpoint.kind in (TABLE, EXTERNAL)
        assert endpoint.legacy.split()[0].endswith(".py")


def test_the_expected_rows_come_from_the_legacy_file() -> None:
    rows = expected_rows(LEGACY / "v14-4d45cc2.db")

    assert set(rows) <= set(ROWS)
    assert "Default" in rows["/settings#Languages"]["SELECT name FROM language_profiles"]
    assert len(rows["/wanted"]["SELECT title FROM wanted_items"]) == 41


def test_a_query_on_a_table_an_older_file_lacks_is_skipped() -> None:
    rows = expected_rows(LEGACY / "v01-7ac1e90.db")

    assert "/wanted" not in rows and "/blacklist" not in rows


def test_a_failed_call_or_a_row_not_shown_fails_its_view_only() -> None:
    good = View("/blacklist", "http://x/blacklist", calls=[Call("GET", "/api/v1/blacklist", "page=1", 200)])
    good.rows = {"SELECT subtitle_id FROM blacklist_entries": True}
    missing = View(
        "/tasks", "http://x/tasks", calls=[Call("GET", "/api/v1/tasks", "", 404, body_head="Not Found")]
    )
    empty = View("/wanted", "http://x/wanted", calls=[Call("GET", "/api/v1/wanted", "", 200)])
    empty.rows = {"SELECT title FROM wanted_items": False}
    broken = View(
        "/logs", "http://x/logs", calls=[Call("GET", "/api/v1/logs", "", None, error="net::ERR_FAILED")]
    )

    data = report([good, missing, empty, broken], Path("dist"), Path("legacy.db"))

    assert [view["ok"] for view in data["views"]] == [True, False, False, False]
    assert data["summary"]["views_without_failed_call"] == 2
    assert data["summary"]["views_showing_rows"] == 1
    tasks = next(e for e in data["endpoints"] if e["path"] == "/api/v1/tasks")
    assert tasks["failed"] and tasks["statuses"] == [404] and tasks["views"] == ["/tasks"]
    assert tasks["class"] == TABLE and tasks["legacy_route"].startswith("system.py list_tasks")
