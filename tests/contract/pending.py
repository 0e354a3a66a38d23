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
    "jobs.retry.unknown_id": "step 1 POST /api/v1/jobs/nope/retry: error: legacy 'Job not found' != got 'Not found'",
    "jobs.retry.not_failed": "step 1 POST /api/v1/jobs/2be4d07d/retry: status legacy 400 != got 404 ({'error': 'Not found'})",
    "jobs.retry.file_missing": "step 1 POST /api/v1/jobs/52ea5635/retry: error: legacy 'File not found: /media/anime/Café \"Noir\" – l\\'été/Season 1/Café \"Noir\" – l\\'été - S01E09 [1080p].mkv' != got 'Not found'",
    "retranslate.unknown_id": "step 1 POST /api/v1/retranslate/999: error: legacy 'Item not found' != got 'Not found'",
    "retranslate.wanted_item_file_missing": "step 1 POST /api/v1/retranslate/7: error: legacy 'File not found: /media/tv/Mushoku Tensei/S01E06.mkv' != got 'Not found'",
    "library": "DELIBERATE (see its scenario's why): step 1 GET /api/v1/library: status legacy 500 != got 200 ({'series': [], 'movies': []})",
}
