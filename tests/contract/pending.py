# ruff: noqa: E501  (one line per scenario, its first difference in full)
"""Scenarios known not to match /api/v1 yet: scenario id -> why.

They run as strict xfail: a scenario that starts matching fails until its line is removed here.
Implementers: delete the lines of the scenarios your endpoint now passes, or let
`.venv/bin/python -m pytest tests/contract --contract-write-pending` rewrite this file from a run
(add --runxfail to refresh the reasons of the ones still failing).
"""

from __future__ import annotations

PENDING: dict[str, str] = {
    "wanted.list.per_page_negative": 'step 1 GET /api/v1/wanted: data: list length 10 != 1 (legacy [{"added_at": "2026-11-25T05:44:30.021918", "current_score": 241, "error": "", "existing_sub": "de.ass", "file_path": "/media/tv/進撃の巨人/S01E',
    "library": "DELIBERATE (see its scenario's why): step 1 GET /api/v1/library: status legacy 500 != got 200 ({'series': [], 'movies': []})",
}
