"""Every route of the legacy Flask app (b0151c5, backend/routes/*.py, under /api/v1), and which
scenarios cover which route.

An endpoint is a (METHOD, route template) pair, the unit "N/M legacy endpoints match" counts.
Pure standard library, like cases.py.

    python -m tests.contract.endpoints            # covered endpoints with their scenario count
    python -m tests.contract.endpoints --missing   # legacy routes no scenario covers
    python -m tests.contract.endpoints --markdown  # the covered list as the README's table
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from functools import cache

from tests.contract.scenario import Scenario, Step

# (method, template) of every legacy route, in the order of the legacy route files.
LEGACY_ROUTES: tuple[tuple[str, str], ...] = (
    ("GET", "/blacklist"),  # blacklist
    ("POST", "/blacklist"),  # blacklist
    ("DELETE", "/blacklist/<int:entry_id>"),  # blacklist
    ("DELETE", "/blacklist"),  # blacklist
    ("GET", "/blacklist/count"),  # blacklist
    ("GET", "/history"),  # blacklist
    ("GET", "/history/stats"),  # blacklist
    ("GET", "/config"),  # config
    ("POST", "/settings/path-mapping/test"),  # config
    ("PUT", "/config"),  # config
    ("GET", "/onboarding/status"),  # config
    ("POST", "/onboarding/complete"),  # config
    ("GET", "/config/export"),  # config
    ("POST", "/config/import"),  # config
    ("GET", "/events/catalog"),  # hooks
    ("GET", "/hooks"),  # hooks
    ("POST", "/hooks"),  # hooks
    ("GET", "/hooks/<int:hook_id>"),  # hooks
    ("PUT", "/hooks/<int:hook_id>"),  # hooks
    ("DELETE", "/hooks/<int:hook_id>"),  # hooks
    ("POST", "/hooks/<int:hook_id>/test"),  # hooks
    ("GET", "/webhooks"),  # hooks
    ("POST", "/webhooks"),  # hooks
    ("GET", "/webhooks/<int:webhook_id>"),  # hooks
    ("PUT", "/webhooks/<int:webhook_id>"),  # hooks
    ("DELETE", "/webhooks/<int:webhook_id>"),  # hooks
    ("POST", "/webhooks/<int:webhook_id>/test"),  # hooks
    ("GET", "/hooks/logs"),  # hooks
    ("DELETE", "/hooks/logs"),  # hooks
    ("GET", "/scoring/weights"),  # hooks
    ("PUT", "/scoring/weights"),  # hooks
    ("DELETE", "/scoring/weights"),  # hooks
    ("GET", "/scoring/modifiers"),  # hooks
    ("PUT", "/scoring/modifiers"),  # hooks
    ("DELETE", "/scoring/modifiers/<provider_name>"),  # hooks
    ("GET", "/library"),  # library
    ("GET", "/sonarr/instances"),  # library
    ("GET", "/radarr/instances"),  # library
    ("POST", "/sonarr/instances/test"),  # library
    ("POST", "/radarr/instances/test"),  # library
    ("GET", "/library/series/<int:series_id>"),  # library
    ("POST", "/episodes/<int:episode_id>/search"),  # library
    ("GET", "/episodes/<int:episode_id>/history"),  # library
    ("GET", "/mediaservers/types"),  # mediaservers
    ("GET", "/mediaservers/instances"),  # mediaservers
    ("PUT", "/mediaservers/instances"),  # mediaservers
    ("POST", "/mediaservers/test"),  # mediaservers
    ("GET", "/mediaservers/health"),  # mediaservers
    ("GET", "/plugins"),  # plugins
    ("POST", "/plugins/reload"),  # plugins
    ("GET", "/plugins/<name>/config"),  # plugins
    ("PUT", "/plugins/<name>/config"),  # plugins
    ("GET", "/language-profiles"),  # profiles
    ("POST", "/language-profiles"),  # profiles
    ("PUT", "/language-profiles/<int:profile_id>"),  # profiles
    ("DELETE", "/language-profiles/<int:profile_id>"),  # profiles
    ("PUT", "/language-profiles/assign"),  # profiles
    ("GET", "/glossary"),  # profiles
    ("POST", "/glossary"),  # profiles
    ("PUT", "/glossary/<int:entry_id>"),  # profiles
    ("DELETE", "/glossary/<int:entry_id>"),  # profiles
    ("GET", "/prompt-presets"),  # profiles
    ("GET", "/prompt-presets/default"),  # profiles
    ("POST", "/prompt-presets"),  # profiles
    ("PUT", "/prompt-presets/<int:preset_id>"),  # profiles
    ("DELETE", "/prompt-presets/<int:preset_id>"),  # profiles
    ("GET", "/providers"),  # providers
    ("POST", "/providers/test/<provider_name>"),  # providers
    ("POST", "/providers/search"),  # providers
    ("GET", "/providers/stats"),  # providers
    ("GET", "/providers/health"),  # providers
    ("POST", "/providers/<name>/enable"),  # providers
    ("POST", "/providers/cache/clear"),  # providers
    ("GET", "/standalone/folders"),  # standalone
    ("POST", "/standalone/folders"),  # standalone
    ("PUT", "/standalone/folders/<int:folder_id>"),  # standalone
    ("DELETE", "/standalone/folders/<int:folder_id>"),  # standalone
    ("GET", "/standalone/series"),  # standalone
    ("GET", "/standalone/series/<int:series_id>"),  # standalone
    ("DELETE", "/standalone/series/<int:series_id>"),  # standalone
    ("GET", "/standalone/movies"),  # standalone
    ("DELETE", "/standalone/movies/<int:movie_id>"),  # standalone
    ("POST", "/standalone/scan"),  # standalone
    ("POST", "/standalone/scan/<int:folder_id>"),  # standalone
    ("GET", "/standalone/status"),  # standalone
    ("POST", "/standalone/series/<int:series_id>/refresh-metadata"),  # standalone
    ("GET", "/health"),  # system
    ("GET", "/health/detailed"),  # system
    ("GET", "/stats"),  # system
    ("GET", "/database/health"),  # system
    ("POST", "/database/backup"),  # system
    ("GET", "/database/backups"),  # system
    ("POST", "/database/restore"),  # system
    ("POST", "/backup/full"),  # system
    ("GET", "/backup/full/download/<filename>"),  # system
    ("POST", "/backup/full/restore"),  # system
    ("GET", "/backup/full/list"),  # system
    ("GET", "/statistics"),  # system
    ("GET", "/statistics/export"),  # system
    ("GET", "/logs/download"),  # system
    ("GET", "/logs/rotation"),  # system
    ("PUT", "/logs/rotation"),  # system
    ("POST", "/database/vacuum"),  # system
    ("GET", "/logs"),  # system
    ("POST", "/notifications/test"),  # system
    ("GET", "/notifications/status"),  # system
    ("GET", "/tasks"),  # system
    ("GET", "/openapi.json"),  # system
    ("POST", "/tools/remove-hi"),  # tools
    ("POST", "/tools/adjust-timing"),  # tools
    ("POST", "/tools/common-fixes"),  # tools
    ("GET", "/tools/preview"),  # tools
    ("POST", "/translate"),  # translate
    ("POST", "/translate/sync"),  # translate
    ("GET", "/status/<job_id>"),  # translate
    ("GET", "/jobs"),  # translate
    ("POST", "/jobs/<job_id>/retry"),  # translate
    ("POST", "/batch"),  # translate
    ("GET", "/batch/status"),  # translate
    ("GET", "/retranslate/status"),  # translate
    ("POST", "/retranslate/<int:job_id>"),  # translate
    ("POST", "/retranslate/batch"),  # translate
    ("GET", "/backends"),  # translate
    ("POST", "/backends/test/<name>"),  # translate
    ("PUT", "/backends/<name>/config"),  # translate
    ("GET", "/backends/<name>/config"),  # translate
    ("GET", "/backends/stats"),  # translate
    ("GET", "/wanted"),  # wanted
    ("GET", "/wanted/summary"),  # wanted
    ("POST", "/wanted/refresh"),  # wanted
    ("PUT", "/wanted/<int:item_id>/status"),  # wanted
    ("DELETE", "/wanted/<int:item_id>"),  # wanted
    ("POST", "/wanted/<int:item_id>/search"),  # wanted
    ("POST", "/wanted/<int:item_id>/process"),  # wanted
    ("POST", "/wanted/batch-search"),  # wanted
    ("GET", "/wanted/batch-search/status"),  # wanted
    ("POST", "/wanted/search-all"),  # wanted
    ("POST", "/wanted/<int:item_id>/extract"),  # wanted
    ("POST", "/webhook/sonarr"),  # webhooks
    ("POST", "/webhook/radarr"),  # webhooks
    ("POST", "/whisper/transcribe"),  # whisper
    ("GET", "/whisper/queue"),  # whisper
    ("GET", "/whisper/jobs/<job_id>"),  # whisper
    ("DELETE", "/whisper/jobs/<job_id>"),  # whisper
    ("GET", "/whisper/backends"),  # whisper
    ("POST", "/whisper/backends/test/<name>"),  # whisper
    ("GET", "/whisper/backends/config/<name>"),  # whisper
    ("PUT", "/whisper/backends/config/<name>"),  # whisper
    ("GET", "/whisper/config"),  # whisper
    ("PUT", "/whisper/config"),  # whisper
    ("GET", "/whisper/stats"),  # whisper
)


@cache
def _patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    out = []
    for method, template in LEGACY_ROUTES:
        regex = re.sub(r"<int:[^>]+>", r"\\d+", template)
        regex = re.sub(r"<(?:path:)?[^>]+>", "[^/]+", regex)
        out.append((method, template, re.compile(f"^{regex}$")))
    # Literal routes win over parametrized ones (/providers/cache/clear before /providers/<name>/...).
    out.sort(key=lambda p: p[1].count("<"))
    return out


def endpoint_of(step: Step) -> tuple[str, str]:
    """The legacy route a step calls (its path may hold "{captured}" placeholders)."""
    if step.endpoint:
        return (step.method, step.endpoint)
    path = re.sub(r"\{[a-z_]+\}", "1", step.path.split("?")[0])
    for method, template, pattern in _patterns():
        if method == step.method and pattern.match(path):
            return (method, template)
    raise LookupError(f"no legacy route for {step.method} {step.path}")


def scenario_endpoints(scenario: Scenario) -> list[tuple[str, str]]:
    return sorted({endpoint_of(step) for step in scenario.steps})


def coverage(scenarios: list[Scenario]) -> dict[tuple[str, str], list[str]]:
    """Endpoint -> ids of the scenarios that call it."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for scenario in scenarios:
        for endpoint in scenario_endpoints(scenario):
            out[endpoint].append(scenario.id)
    return dict(out)


def main(argv: list[str]) -> int:
    from tests.contract.cases import SCENARIOS

    covered = coverage(SCENARIOS)
    if "--missing" in argv:
        for endpoint in LEGACY_ROUTES:
            if endpoint not in covered:
                print(f"{endpoint[0]:6} /api/v1{endpoint[1]}")
        return 0
    ordered = sorted(covered, key=lambda e: (e[1], e[0]))
    if "--markdown" in argv:
        print("| method | path | scenarios |\n|---|---|---|")
        for method, template in ordered:
            print(f"| {method} | `/api/v1{template}` | {len(covered[(method, template)])} |")
        return 0
    for endpoint in ordered:
        print(f"{endpoint[0]:6} /api/v1{endpoint[1]}  ({len(covered[endpoint])} scenarios)")
    print(f"{len(covered)} endpoints, {len(SCENARIOS)} scenarios")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
