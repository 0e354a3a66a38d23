"""Documented deviations: scenarios where /api/v1 answers otherwise than legacy, on purpose.

Each entry: scenario id -> Deviation(reason quoting the requirement that wins over legacy,
{step number: Instead(status, body, paths)}). The scenario passes only if our answer equals the
golden everywhere except the declared places, and equals the declared values there
(tests/contract/deviation.py). Keep them few: a difference that no requirement asks for is a
bug to fix, not a deviation to declare.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.contract.deviation import Deviation, Instead, Typed

GOLDENS = Path(__file__).resolve().parent.parent / "fixtures" / "legacy_api"


def golden_json(scenario_id: str, step: int) -> Any:
    """A golden step's JSON body (1-based step), for a deviation that keeps part of legacy's answer."""
    return json.loads((GOLDENS / f"{scenario_id}.json").read_text(encoding="utf-8"))["steps"][step - 1][
        "json"
    ]


# Issue #10: "the webhook secret never returned". Legacy answered it in clear text; we answer
# the masked placeholder the settings use for every secret.
MASKED = "***configured***"
SECRET = (
    'issue #10: "the webhook secret never returned" (legacy answered it in clear text; '
    "we answer the placeholder)"
)
UNVALIDATED = (
    'project brief: "Bad input gets a clear error and changes nothing" (legacy stored the update unchecked)'
)

HEALTH = (
    'issue #10: /health reports "the database, Redis and the task queue truthfully" (legacy '
    "reported Ollama, Sonarr, Radarr, media servers and providers, and its own version)"
)
# What this system's checks answer; the states of Redis and the worker depend on the machine
# (embedded queue or Redis), so only their types are fixed here.
SERVICE_STATE = {"healthy": Typed(bool), "message": Typed(str)}
SCHEDULE = [
    {"name": "maintenance", "running": False, "last_run": None, "interval_hours": 24},
    {"name": "backup", "running": False, "last_run": None, "interval_hours": 24},
]

CONFIG = (
    'issue #10: "`PUT /config` validates and saves several at once (all or nothing, 400 naming '
    'each bad key)"; "Bad input: an unknown key, a wrong type ...: each a 400 with {"error": ...} '
    'and nothing changed" (legacy saved the rest and skipped or stored the bad values)'
)


PER_PAGE = (
    "legacy's own documented maximum: its GET /wanted route's OpenAPI docstring says "
    '"per_page ... maximum: 200" (backend/routes/wanted.py list_wanted), and V1.md: "A user may '
    "have 200,000 wanted items\" (legacy read a negative per_page as SQLite's LIMIT -1 and sent "
    "every row; we read a per_page below 1 as 1: one row per page)"
)
# The answer to per_page=-1 on the fixture's 10 movies: legacy's first row, pages of one row.
PER_PAGE_NEGATIVE = "wanted.list.per_page_negative"

LIBRARY = (
    'V1.md: "No 5xx on any generated input", and legacy\'s own OpenAPI docstring of GET /library: '
    '"200: Library data" with "series" and "movies" arrays. At b0151c5 legacy answered 500 on '
    "every call (it imported get_series_missing_counts from db.wanted; it is in db.profiles); "
    "without Sonarr and Radarr configured we answer the empty library it meant"
)


def _refused(message: str) -> Instead:
    return Instead(status=400, body={"error": f"Invalid config values: {message}"})


DEVIATIONS: dict[str, Deviation] = {
    "webhooks.list": Deviation(SECRET, {1: Instead(paths={"0.secret": MASKED})}),
    "webhooks.get": Deviation(SECRET, {1: Instead(paths={"secret": MASKED})}),
    "webhooks.create": Deviation(
        SECRET,
        {
            1: Instead(paths={"secret": MASKED}),
            2: Instead(paths={"secret": MASKED}),
            3: Instead(paths={"*.secret": MASKED}),
        },
    ),
    "webhooks.update": Deviation(
        SECRET, {1: Instead(paths={"secret": MASKED}), 2: Instead(paths={"0.secret": MASKED})}
    ),
    "webhooks.test.refused": Deviation(SECRET, {2: Instead(paths={"secret": MASKED})}),
    "webhooks.test.delivered": Deviation(SECRET, {2: Instead(paths={"secret": MASKED})}),
    "hooks.update.unvalidated": Deviation(
        UNVALIDATED, {1: Instead(status=400, body={"error": "name is required"})}
    ),
    "webhooks.update.unvalidated": Deviation(
        UNVALIDATED,
        {1: Instead(status=400, body={"error": "url is required and must start with http:// or https://"})},
    ),
    "health": Deviation(
        HEALTH,
        {
            1: Instead(
                paths={
                    "version": Typed(str),
                    "services": {"database": "OK", "redis": Typed(str), "task_queue": Typed(str)},
                }
            )
        },
    ),
    "health.detailed": Deviation(
        HEALTH,
        {
            1: Instead(
                paths={
                    "subsystems": {
                        "database": {
                            "healthy": True,
                            "message": "ok",
                            "size_bytes": Typed(int),
                            "wal_mode": Typed(bool),
                        },
                        "redis": SERVICE_STATE,
                        "task_queue": {**SERVICE_STATE, "pending": Typed(int), "workers": Typed(int)},
                        "disk_config": {
                            "healthy": Typed(bool),
                            "percent": Typed(float),
                            "free_bytes": Typed(int),
                        },
                        "memory": {"healthy": True, "rss_bytes": Typed(int), "vms_bytes": Typed(int)},
                        "scheduler": {"healthy": True, "tasks": SCHEDULE},
                    }
                }
            )
        },
    ),
    "tasks": Deviation(
        'issue #10: /tasks lists the tasks "from the task schedule" of this system (legacy listed '
        "its own scheduler's wanted scan and search)",
        {
            1: Instead(
                paths={
                    "tasks": [
                        {**SCHEDULE[0], "display_name": "Maintenance", "next_run": None, "enabled": True},
                        {**SCHEDULE[1], "display_name": "Database Backup", "next_run": None, "enabled": True},
                    ]
                }
            )
        },
    ),
    PER_PAGE_NEGATIVE: Deviation(
        PER_PAGE,
        {
            1: Instead(
                paths={
                    "per_page": 1,
                    "total_pages": 10,
                    "data": golden_json(PER_PAGE_NEGATIVE, 1)["data"][:1],
                }
            )
        },
    ),
    "library": Deviation(LIBRARY, {1: Instead(status=200, body={"series": [], "movies": []})}),
    "whisper.job.cancel_queued": Deviation(
        "the coordinator's brief: \"legacy answered 'cancelled' but left the row queued (its queue "
        'was in memory); ours really cancels": the job reads back cancelled',
        {2: Instead(paths={"status": "cancelled"})},
    ),
    # Nothing changed: the settings read back as the fixture's (the values of config.get's golden).
    "config.update": Deviation(
        CONFIG,
        {
            1: _refused("not_a_setting: unknown setting"),
            2: Instead(
                paths={
                    "target_language": "de",
                    "wanted_scan_interval_hours": 6,
                    "upgrade_enabled": True,
                    "sonarr_api_key": "",
                }
            ),
            # retranslate.status's golden: the target language and prompt hash of the unchanged settings
            4: Instead(paths={"target_language": "de", "current_hash": "7b6aba30b79e"}),
        },
    ),
    "config.update.typed_from_text": Deviation(
        CONFIG,
        {
            1: _refused("providers_enabled: expected a string, got ['a', 'b']"),
            2: Instead(
                paths={"providers_enabled": "", "upgrade_enabled": True, "batch_size": 15, "temperature": 0.3}
            ),
        },
    ),
    "config.update.invalid_value": Deviation(
        CONFIG, {1: _refused("batch_size: expected an integer, got 'many'")}
    ),
    "config.update.unknown_keys_only": Deviation(CONFIG, {1: _refused("nope: unknown setting")}),
    "config.import": Deviation(
        CONFIG,
        {
            1: _refused("bogus: unknown setting"),
            2: Instead(paths={"ollama_model": "qwen2.5:14b-instruct", "batch_size": 15}),
        },
    ),
}
