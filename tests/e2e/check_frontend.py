"""Open every page of a built Sublarr web frontend against this server and report failed /api/v1 calls.

Copies a legacy database to a temporary data folder, starts this server on it (tests/e2e/server.py)
with SUBLARR_FRONTEND_DIR set to the built frontend, and drives Debian's chromium through
Playwright: every page, every Settings tab (clicked by its button, as a user does), waiting for the
network to settle on each. It records every /api/v1 call each view made and every one that failed
(status >= 400 or a network error), page errors, whether the view shows the rows of the database,
and a screenshot; then prints a report ending in "pages: N/M without a failed /api/v1 call" and
writes report.json (the to-do list of endpoints, tests/e2e/report.py). Exit status 1 when any view
had a failed call, a page error or no row shown.

    .venv/bin/python tests/e2e/check_frontend.py --dist /path/to/frontend/dist [--db FILE] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.report import BODY_HEAD, Call, View, print_report, report  # noqa: E402
from tests.e2e.server import server  # noqa: E402

DEFAULT_DB = ROOT / "tests" / "fixtures" / "legacy" / "v14-4d45cc2.db"
DEFAULT_OUT = ROOT / "bench" / "out" / "e2e"
DIST_VARIABLE = "SUBLARR_E2E_FRONTEND_DIST"
CHROMIUM = "/usr/bin/chromium"
API_KEY = "e2e-check-key-0123456789abcdef"
API_PREFIX = "/api/v1"

# The frontend's routes (src/App.tsx) and its Settings tabs (TABS in src/pages/Settings/index.tsx,
# shown under these English names: src/i18n/locales/en/settings.json).
PAGES = ["/", "/library", "/activity", "/wanted", "/queue", "/history", "/blacklist", "/settings"]
PAGES_AFTER_SETTINGS = ["/statistics", "/tasks", "/logs"]
SETTINGS_TABS = [
    "General",
    "Translation",
    "Translation Backends",
    "Languages",
    "Automation",
    "Wanted",
    "Providers",
    "Sonarr",
    "Radarr",
    "Library Sources",
    "Media Servers",
    "Whisper",
    "Events & Hooks",
    "Scoring",
    "Backup",
    "Subtitle Tools",
    "Notifications",
    "Prompt Presets",
]

# Evidence that a view shows the rows of the database: for each query, at least one of its values
# (read from the legacy file itself) must appear in the view's text, a title attribute or a form
# field. A query that finds nothing in the file is skipped.
ROWS = {
    "/activity": ["SELECT file_path FROM jobs"],
    "/queue": ["SELECT file_path FROM jobs WHERE status IN ('running', 'queued')"],
    "/wanted": ["SELECT title FROM wanted_items"],
    "/history": ["SELECT file_path FROM subtitle_downloads"],
    "/blacklist": ["SELECT subtitle_id FROM blacklist_entries"],
    # The General tab's path mapping editor shows each 'remote=>local' pair as two fields.
    "/settings": [
        "SELECT substr(value, 1, instr(value, '=>') - 1) FROM config_entries WHERE key = 'path_mapping'"
    ],
    "/settings#Translation": ["SELECT value FROM config_entries WHERE key = 'ollama_model'"],
    "/settings#Languages": ["SELECT name FROM language_profiles"],
    "/settings#Library Sources": ["SELECT path FROM watched_folders"],
    "/settings#Events & Hooks": ["SELECT name FROM hook_configs", "SELECT name FROM webhook_configs"],
    "/settings#Prompt Presets": ["SELECT name FROM prompt_presets"],
}
# Everything a user can read on the page: text, tooltips (full paths) and form field values.
PAGE_TEXT = """() => [document.body.textContent,
  ...[...document.querySelectorAll('[title]')].map(e => e.title),
  ...[...document.querySelectorAll('input, textarea, select')].map(e => e.value)].join('\\n')"""


class Recorder:
    """Listens to one browser page and files each request under the view that was open when it started."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.current: View | None = None
        self.owner: dict[Any, View] = {}

    def attach(self, page: Any) -> None:
        page.on("request", self.on_request)
        page.on("requestfinished", self.on_finished)
        page.on("requestfailed", self.on_failed)
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)

    def on_request(self, request: Any) -> None:
        if self.current is not None:
            self.owner[request] = self.current

    def on_finished(self, request: Any) -> None:
        view = self.owner.pop(request, None)
        if view is None:
            return
        response = request.response()
        status = response.status if response else None
        parts = urlsplit(request.url)
        if parts.path.startswith(API_PREFIX):
            call = Call(request.method, parts.path, parts.query, status)
            if call.failed and response is not None:
                call.body_head = body_head(response)
            view.calls.append(call)
        elif status is not None and status >= 400 and parts.netloc == urlsplit(self.base).netloc:
            view.other_failures.append(f"{request.method} {parts.path} -> {status}")

    def on_failed(self, request: Any) -> None:
        view = self.owner.pop(request, None)
        if view is None:
            return
        parts = urlsplit(request.url)
        error = request.failure or "failed"
        if "ERR_ABORTED" in error:
            return  # cancelled by the page (it navigated away or dropped the query), not refused
        if parts.path.startswith(API_PREFIX):
            view.calls.append(Call(request.method, parts.path, parts.query, None, error=error))
        elif parts.netloc == urlsplit(self.base).netloc:
            view.other_failures.append(f"{request.method} {parts.path} -> {error}")

    def on_console(self, message: Any) -> None:
        if self.current is None or message.type != "error":
            return
        text = message.text[:BODY_HEAD]
        self.current.console_errors.append(text)
        # A failed load or socket is recorded with its request; anything else logged as an error
        # (React reports a render that threw this way) means the page broke.
        if not text.startswith(("Failed to load resource", "WebSocket connection to")):
            self.current.js_errors.append(text)

    def on_page_error(self, error: Any) -> None:
        if self.current is not None:
            self.current.js_errors.append(str(error)[:BODY_HEAD])


def body_head(response: Any) -> str:
    try:
        return " ".join(response.text().split())[:BODY_HEAD]
    except Exception as exc:  # the body may be gone once the page moved on
        return f"(body unavailable: {type(exc).__name__})"


def settle(page: Any, timeout_ms: int) -> None:
    """Wait until no request has been in flight for 500 ms, then once more for queries started late."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(2):
        try:
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
        except PlaywrightTimeout:
            pass  # polling pages may never idle; what came in is recorded
        page.wait_for_timeout(700)


def screenshot_name(view: View) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in view.name.strip("/").lower()) or "dashboard"
    return f"{slug}.png"


def expected_rows(database: Path) -> dict[str, dict[str, list[str]]]:
    """For each view in ROWS: query -> the non-empty values the legacy file holds (read-only)."""
    expected: dict[str, dict[str, list[str]]] = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        for view, queries in ROWS.items():
            for query in queries:
                try:
                    values = [str(row[0]) for row in connection.execute(query) if row[0] not in (None, "")]
                except sqlite3.OperationalError:
                    values = []  # an older legacy file without this table or column
                if values:
                    expected.setdefault(view, {})[query] = values
    return expected


def check(
    base: str,
    out: Path,
    rows: dict[str, dict[str, list[str]]] | None = None,
    api_key: str = API_KEY,
    timeout_ms: int = 15000,
) -> list[View]:
    """Visit every page and Settings tab; return what each view called and showed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    rows = rows or {}
    views: list[View] = []
    recorder = Recorder(base)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(locale="en-US", viewport={"width": 1440, "height": 1000})
        # The frontend sends X-Api-Key from localStorage and has no login form; English tab names.
        context.add_init_script(
            f"localStorage.setItem('sublarr_api_key', {json.dumps(api_key)});"
            "localStorage.setItem('sublarr-language', 'en');"
        )
        page = context.new_page()
        recorder.attach(page)

        def visit(view: View, action: Any) -> None:
            recorder.current = view
            try:
                action()
                settle(page, timeout_ms)
            except Exception as exc:
                view.problem = f"{type(exc).__name__}: {str(exc).splitlines()[0][:BODY_HEAD]}"
            if view.name in rows:
                text = page.evaluate(PAGE_TEXT)
                view.rows = {
                    query: any(v in text for v in values) for query, values in rows[view.name].items()
                }
            view.screenshot = screenshot_name(view)
            page.screenshot(path=str(out / view.screenshot), full_page=True)
            views.append(view)
            print(f"  {'ok  ' if view.ok else 'FAIL'} {view.name}", flush=True)

        def open_tab(view: View, tab: str) -> None:
            button = page.get_by_role("button", name=tab, exact=True).first
            try:
                button.click(timeout=5000)
            except PlaywrightTimeout:
                # The previous tab broke the page (React unmounted it): open Settings afresh.
                view.note = "reached by reloading /settings: the tab before it broke the page"
                page.goto(base + "/settings", wait_until="load", timeout=timeout_ms)
                settle(page, timeout_ms)
                button.click(timeout=timeout_ms)

        def open_page(view: View) -> None:
            response = page.goto(view.url, wait_until="load", timeout=timeout_ms)
            if response is not None and response.status >= 400:
                # The server did not answer the route with the app (no SPA fallback).
                view.problem = f"the page itself answered {response.status}"

        for path in PAGES + PAGES_AFTER_SETTINGS:
            view = View(path, base + path)
            visit(view, lambda view=view: open_page(view))
            if path == "/settings":
                for tab in SETTINGS_TABS:
                    tab_view = View(f"/settings#{tab}", base + "/settings")
                    visit(tab_view, lambda tab_view=tab_view, tab=tab: open_tab(tab_view, tab))
        recorder.current = None
        browser.close()
    return views


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=os.environ.get(DIST_VARIABLE), help="built frontend")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="legacy database to copy and serve")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="screenshots and report.json")
    parser.add_argument("--timeout", type=float, default=15, help="seconds to wait per page")
    parser.add_argument(
        "--server",
        help="check a server that is already running (its URL) instead of starting this one; "
        "--db then only names the file it serves, for the row checks",
    )
    parser.add_argument("--api-key", default=API_KEY, help="the running server's API key (with --server)")
    args = parser.parse_args(argv)
    database = args.db.resolve()
    if not database.is_file():
        parser.error(f"no database at {database}")
    rows = expected_rows(database)
    timeout_ms = int(args.timeout * 1000)

    if args.server:
        dist = Path("(served by the server)")
        print(f"server {args.server} (already running), rows from {database.name}")
        views = check(args.server.rstrip("/"), args.out, rows, args.api_key, timeout_ms)
        server_log = ""
    else:
        if not args.dist:
            parser.error(f"give --dist or set {DIST_VARIABLE} to a built frontend (its dist/ folder)")
        dist = args.dist.resolve()
        if not (dist / "index.html").is_file():
            parser.error(f"{dist} has no index.html: build the frontend first")
        with tempfile.TemporaryDirectory(prefix="sublarr-e2e-") as work:
            with server(dist, database, Path(work), API_KEY) as base:
                print(f"server {base} on a copy of {database.name}, frontend {dist}")
                views = check(base, args.out, rows, timeout_ms=timeout_ms)
            server_log = (Path(work) / "server.log").read_text()
    data = report(views, dist, database)
    (args.out / "report.json").write_text(json.dumps(data, indent=2) + "\n")
    if server_log:
        (args.out / "server.log").write_text(server_log)
    print_report(views, data)
    print(f"report: {args.out / 'report.json'}")
    return 0 if all(view.ok for view in views) else 1


if __name__ == "__main__":
    sys.exit(main())
