"""The legacy web frontend, built and served by SUBLARR_FRONTEND_DIR, opens every page without a failed call.

Runs tests/e2e/check_frontend.py when SUBLARR_E2E_FRONTEND_DIST names a built frontend. CI cannot
build it (the legacy frontend's code stays outside this repository), so there it is skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.e2e.check_frontend import DIST_VARIABLE, main

DIST = os.environ.get(DIST_VARIABLE, "")

pytestmark = [
    pytest.mark.slow,
    # The check serves its own SQLite copy of the legacy file, whatever the pass's database.
    pytest.mark.sqlite_only,
    pytest.mark.skipif(
        not DIST,
        reason=f"{DIST_VARIABLE} is not set: build the Sublarr web frontend (its own repository's "
        "instructions) and point it at the dist/ folder; CI cannot build it",
    ),
]


def test_every_page_and_settings_tab_loads_without_a_failed_api_call_and_shows_the_rows(
    tmp_path: Path,
) -> None:
    status = main(["--dist", DIST, "--out", str(tmp_path)])

    data = json.loads((tmp_path / "report.json").read_text())
    failed = [view["view"] for view in data["views"] if not view["ok"]]
    assert status == 0, f"{data['summary']}; failed views: {failed} (report and screenshots in {tmp_path})"
