# ruff: noqa: E501  (one line per scenario, its first difference in full)
"""Scenarios known not to match /api/v1 yet: scenario id -> why.

They run as strict xfail: a scenario that starts matching fails until its line is removed here.
Implementers: delete the lines of the scenarios your endpoint now passes, or let
`.venv/bin/python -m pytest tests/contract --contract-write-pending` rewrite this file from a run
(add --runxfail to refresh the reasons of the ones still failing).
"""

from __future__ import annotations

PENDING: dict[str, str] = {
    "wanted.list.per_page_negative": "step 1 GET /api/v1/wanted: status legacy 200 != got 404 ({'error': 'Not found'})",
    "jobs.retry.unknown_id": "step 1 POST /api/v1/jobs/nope/retry: error: legacy 'Job not found' != got 'Not found'",
    "jobs.retry.not_failed": "step 1 POST /api/v1/jobs/2be4d07d/retry: status legacy 400 != got 404 ({'error': 'Not found'})",
    "jobs.retry.file_missing": "step 1 POST /api/v1/jobs/52ea5635/retry: error: legacy 'File not found: /media/anime/Café \"Noir\" – l\\'été/Season 1/Café \"Noir\" – l\\'été - S01E09 [1080p].mkv' != got 'Not found'",
    "retranslate.unknown_id": "step 1 POST /api/v1/retranslate/999: error: legacy 'Item not found' != got 'Not found'",
    "retranslate.wanted_item_file_missing": "step 1 POST /api/v1/retranslate/7: error: legacy 'File not found: /media/tv/Mushoku Tensei/S01E06.mkv' != got 'Not found'",
    "whisper.job.cancel_queued": "step 2 GET /api/v1/whisper/jobs/w0000000: status: legacy 'queued' != got 'cancelled'",
    "config.update": "step 1 PUT /api/v1/config: status legacy 200 != got 400 ({'error': 'Invalid config values: not_a_setting: unknown setting'})",
    "config.update.typed_from_text": "step 1 PUT /api/v1/config: status legacy 200 != got 400 ({'error': \"Invalid config values: providers_enabled: expected a string, got ['a', 'b']\"})",
    "config.update.invalid_value": "step 1 PUT /api/v1/config: status legacy 200 != got 400 ({'error': \"Invalid config values: batch_size: expected an integer, got 'many'\"})",
    "config.update.unknown_keys_only": "step 1 PUT /api/v1/config: status legacy 200 != got 400 ({'error': 'Invalid config values: nope: unknown setting'})",
    "config.import": "step 1 POST /api/v1/config/import: status legacy 200 != got 400 ({'error': 'Invalid config values: bogus: unknown setting'})",
    "hooks.update.unvalidated": "step 1 PUT /api/v1/hooks/1: status legacy 200 != got 400 ({'error': 'name is required'})",
    "webhooks.update.unvalidated": "step 1 PUT /api/v1/webhooks/1: status legacy 200 != got 400 ({'error': 'url is required and must start with http:// or https://'})",
    "webhooks.list": "step 1 GET /api/v1/webhooks: 0.secret: legacy 's3cr3t' != got '***configured***'",
    "webhooks.get": "step 1 GET /api/v1/webhooks/1: secret: legacy 's3cr3t' != got '***configured***'",
    "webhooks.create": "step 1 POST /api/v1/webhooks: secret: legacy 'x' != got '***configured***'",
    "webhooks.update": "step 1 PUT /api/v1/webhooks/1: secret: legacy 's3cr3t' != got '***configured***'",
    "webhooks.test.refused": "step 2 GET /api/v1/webhooks/1: secret: legacy 's3cr3t' != got '***configured***'",
    "webhooks.test.delivered": "step 2 GET /api/v1/webhooks/1: secret: legacy 's3cr3t' != got '***configured***'",
    "webhooks.test.server_error": "step 1 POST /api/v1/webhooks/1/test: status_code: legacy 0 != got 500",
    "health": "step 1 GET /api/v1/health: services: keys differ: missing ['media_servers', 'ollama', 'providers', 'radarr', 'sonarr'], unexpected ['database', 'redis', 'task_queue']",
    "health.detailed": "step 1 GET /api/v1/health/detailed: subsystems: keys differ: missing ['arr_connectivity', 'disk', 'media_servers', 'ollama', 'providers', 'translation_backends', 'whisper_backends'], unexpected ['disk",
    "tasks": 'step 1 GET /api/v1/tasks: tasks: list length 3 != 2 (legacy [{"display_name": "Wanted Scan", "enabled": true, "interval_hours": 6, "last_run": null, "name": "wanted_scan", "next_run": null, "running":',
    "nobody.profiles.create": "step 1 POST /api/v1/language-profiles: status legacy 415 != got 400 ({'error': 'name is required'})",
    "nobody.profiles.assign": "step 1 PUT /api/v1/language-profiles/assign: status legacy 415 != got 400 ({'error': 'type, arr_id, and profile_id are required'})",
    "nobody.glossary.create": "step 1 POST /api/v1/glossary: status legacy 415 != got 400 ({'error': 'series_id is required'})",
    "nobody.presets.update": "step 1 PUT /api/v1/prompt-presets/1: status legacy 415 != got 400 ({'error': 'No fields to update'})",
    "nobody.logs.rotation.update": "step 1 PUT /api/v1/logs/rotation: status legacy 415 != got 200 ({'status': 'updated', 'max_size_mb': 10, 'backup_count': 5, 'note': 'Changes take effect on next application restart'})",
    "library": "DELIBERATE (see its scenario's why): step 1 GET /api/v1/library: status legacy 500 != got 200 ({'series': [], 'movies': []})",
}
