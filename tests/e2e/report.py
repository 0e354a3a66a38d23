"""What the browser check saw: the calls of each view, and the report built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.endpoints import classify

BODY_HEAD = 300  # characters of a failed response's body kept in the report


@dataclass
class Call:
    method: str
    path: str
    query: str
    status: int | None  # None: no response (network error)
    error: str = ""
    body_head: str = ""

    @property
    def failed(self) -> bool:
        return self.status is None or self.status >= 400


@dataclass
class View:
    """One page, or one Settings tab, as the user sees it."""

    name: str
    url: str
    calls: list[Call] = field(default_factory=list)
    other_failures: list[str] = field(default_factory=list)  # non-API requests (socket.io, assets)
    console_errors: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)  # uncaught errors: the page broke
    rows: dict[str, bool] = field(default_factory=dict)  # query -> one of its values is shown
    screenshot: str = ""
    note: str = ""
    problem: str = ""  # the view could not be opened at all (a tab button missing, a timeout)

    @property
    def failed_calls(self) -> list[Call]:
        return [call for call in self.calls if call.failed]

    @property
    def shows_rows(self) -> bool:
        return all(self.rows.values())

    @property
    def ok(self) -> bool:
        return not self.failed_calls and not self.problem and not self.js_errors and self.shows_rows


def report(views: list[View], dist: Path, database: Path) -> dict[str, Any]:
    """The JSON report: per view its distinct calls, and per endpoint who calls it and its class."""
    endpoints: dict[tuple[str, str], dict[str, Any]] = {}
    pages = []
    for view in views:
        distinct: dict[tuple[str, str, int | None], dict[str, Any]] = {}
        for call in view.calls:
            key = (call.method, call.path, call.status)
            entry = distinct.setdefault(
                key,
                {"method": call.method, "path": call.path, "status": call.status, "count": 0},
            )
            entry["count"] += 1
            if call.query and "query" not in entry:
                entry["query"] = call.query
            if call.failed and "body_head" not in entry:
                entry["body_head"] = (call.body_head or call.error)[:160]
            kind, legacy = classify(call.method, call.path)
            endpoint = endpoints.setdefault(
                (call.method, call.path),
                {
                    "method": call.method,
                    "path": call.path,
                    "class": kind,
                    "legacy_route": legacy,
                    "statuses": [],
                    "views": [],
                },
            )
            if call.status not in endpoint["statuses"]:
                endpoint["statuses"].append(call.status)
            if view.name not in endpoint["views"]:
                endpoint["views"].append(view.name)
        pages.append(
            {
                "view": view.name,
                "ok": view.ok,
                "problem": view.problem,
                "note": view.note,
                "js_errors": view.js_errors[:10],
                "rows_shown": view.rows,
                "calls": list(distinct.values()),
                "other_failures": sorted(set(view.other_failures)),
                "console_errors": len(view.console_errors),
                "screenshot": view.screenshot,
            }
        )
    for endpoint in endpoints.values():
        endpoint["failed"] = any(status is None or status >= 400 for status in endpoint["statuses"])
    passed = sum(not view.failed_calls and not view.problem for view in views)
    return {
        "frontend": str(dist),
        "database": database.name,
        "summary": {
            "views": len(views),
            "views_without_failed_call": passed,
            "views_without_js_error": sum(not view.js_errors for view in views),
            "views_showing_rows": sum(view.shows_rows for view in views if view.rows),
            "views_with_rows_to_show": sum(bool(view.rows) for view in views),
            "views_ok": sum(view.ok for view in views),
            "endpoints": len(endpoints),
            "endpoints_failed": sum(endpoint["failed"] for endpoint in endpoints.values()),
        },
        "endpoints": sorted(endpoints.values(), key=lambda e: (e["path"], e["method"])),
        "views": pages,
    }


def print_report(views: list[View], data: dict[str, Any]) -> None:
    for view in views:
        if view.ok:
            continue
        print(f"\n{view.name}" + (f"  ({view.problem})" if view.problem else ""))
        if view.note:
            print(f"  note: {view.note}")
        seen: set[tuple[str, str, int | None]] = set()
        for call in view.failed_calls:
            if (call.method, call.path, call.status) in seen:
                continue
            seen.add((call.method, call.path, call.status))
            status = call.status if call.status is not None else call.error
            print(f"  {call.method} {call.path} -> {status}  {(call.body_head or call.error)[:120]}")
        for error in view.js_errors[:3]:
            print(f"  page error: {error[:160]}")
        for query, shown in view.rows.items():
            if not shown:
                print(f"  no row shown of: {query}")
    print("\nendpoints called on page load:")
    for endpoint in data["endpoints"]:
        statuses = ",".join(str(status) for status in endpoint["statuses"])
        mark = "FAIL" if endpoint["failed"] else "ok  "
        print(f"  {mark} {endpoint['method']:6} {endpoint['path']:36} {statuses:9} {endpoint['class']}")
    summary = data["summary"]
    print(f"\npages: {summary['views_without_js_error']}/{summary['views']} without a page error")
    shown, to_show = summary["views_showing_rows"], summary["views_with_rows_to_show"]
    print(f"pages: {shown}/{to_show} show their database rows")
    print(f"pages: {summary['views_without_failed_call']}/{summary['views']} without a failed /api/v1 call")
