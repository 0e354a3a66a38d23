"""What each /api/v1 endpoint the web frontend calls on page load needs, read from its legacy route.

"table data/settings/system": the legacy handler answers from the database tables, config_entries,
a static registry or the process's own state (batch state, scheduler, log file), so this server can
answer it completely. "needs external service": the handler contacts Sonarr, Radarr, subtitle
providers, Ollama or media servers, so the answer depends on them (the note says what is left
without them). Legacy file: backend/routes/<file> at b0151c5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TABLE = "table data/settings/system"
EXTERNAL = "needs external service"
UNKNOWN = "unclassified"


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # under /api/v1; {id} is any number
    kind: str
    legacy: str
    note: str = ""

    def matches(self, method: str, path: str) -> bool:
        pattern = "^/api/v1" + re.escape(self.path).replace(r"\{id\}", r"\d+") + "/?$"
        return method == self.method and re.match(pattern, path) is not None


ENDPOINTS = [
    Endpoint(
        "GET",
        "/health",
        EXTERNAL,
        "system.py health",
        "checks Ollama, providers, Sonarr, Radarr, media servers; 503 'unhealthy' when Ollama is unreachable",
    ),
    Endpoint("GET", "/stats", TABLE, "system.py get_stats", "jobs and daily_stats, uptime, batch state"),
    Endpoint(
        "GET",
        "/statistics",
        TABLE,
        "system.py get_statistics",
        "daily_stats, provider_stats, subtitle_downloads, translation_backend_stats, upgrade_history",
    ),
    Endpoint(
        "GET", "/tasks", TABLE, "system.py list_tasks", "scheduler state: wanted scan, wanted search, backup"
    ),
    Endpoint("GET", "/logs", TABLE, "system.py get_logs", "the last lines of the log file"),
    Endpoint(
        "GET",
        "/logs/rotation",
        TABLE,
        "system.py get_log_rotation",
        "config_entries log_max_size_mb, log_backup_count",
    ),
    Endpoint("GET", "/config", TABLE, "config.py get_config", "settings and config_entries, secrets masked"),
    Endpoint("GET", "/jobs", TABLE, "translate.py list_jobs", "jobs, paginated"),
    Endpoint("GET", "/batch/status", TABLE, "translate.py batch_status_endpoint", "in-process batch state"),
    Endpoint(
        "GET",
        "/retranslate/status",
        TABLE,
        "translate.py retranslate_status",
        "jobs whose config hash is outdated; names the configured Ollama model, does not call it",
    ),
    Endpoint(
        "GET",
        "/backends",
        TABLE,
        "translate.py list_backends",
        "registered translation backends and whether config_entries configure them; no connection",
    ),
    Endpoint("GET", "/backends/stats", TABLE, "translate.py backend_stats", "translation_backend_stats"),
    Endpoint("GET", "/blacklist", TABLE, "blacklist.py list_blacklist", "blacklist_entries, paginated"),
    Endpoint("GET", "/history", TABLE, "blacklist.py list_history", "subtitle_downloads, paginated"),
    Endpoint("GET", "/history/stats", TABLE, "blacklist.py history_stats", "subtitle_downloads aggregates"),
    Endpoint("GET", "/wanted", TABLE, "wanted.py list_wanted", "wanted_items, paginated"),
    Endpoint(
        "GET", "/wanted/summary", TABLE, "wanted.py wanted_summary", "wanted_items counts and scanner state"
    ),
    Endpoint(
        "GET", "/wanted/batch-search/status", TABLE, "wanted.py wanted_batch_status", "in-process batch state"
    ),
    Endpoint("GET", "/language-profiles", TABLE, "profiles.py list_language_profiles", "language_profiles"),
    Endpoint(
        "GET",
        "/providers",
        EXTERNAL,
        "providers.py list_providers",
        "provider list from the registry and provider_stats/subtitle_downloads; a live health_check per "
        "initialised provider (without network: healthy false, 'Not initialized')",
    ),
    Endpoint(
        "GET",
        "/providers/stats",
        TABLE,
        "providers.py provider_stats",
        "provider_cache, subtitle_downloads, provider_stats",
    ),
    Endpoint(
        "GET",
        "/library",
        EXTERNAL,
        "library.py get_library",
        "series from Sonarr and movies from Radarr, enriched from series_language_profiles and "
        "wanted_items; without them {'series': [], 'movies': []}",
    ),
    Endpoint(
        "GET",
        "/mediaservers/types",
        TABLE,
        "mediaservers.py list_server_types",
        "static registry of media server kinds; no connection",
    ),
    Endpoint(
        "GET",
        "/mediaservers/instances",
        TABLE,
        "mediaservers.py get_instances",
        "config_entries media_servers_json, secrets masked",
    ),
    Endpoint(
        "GET",
        "/whisper/backends",
        TABLE,
        "whisper.py list_backends",
        "registered whisper backends and their config_entries; no connection",
    ),
    Endpoint("GET", "/whisper/config", TABLE, "whisper.py get_whisper_config", "config_entries whisper_*"),
    Endpoint("GET", "/whisper/stats", TABLE, "whisper.py whisper_stats", "whisper_jobs aggregates"),
    Endpoint("GET", "/standalone/folders", TABLE, "standalone.py list_folders", "watched_folders"),
    Endpoint(
        "GET",
        "/standalone/status",
        TABLE,
        "standalone.py get_status",
        "standalone_enabled, watched_folders count, watcher/scanner state",
    ),
    Endpoint("GET", "/events/catalog", TABLE, "hooks.py get_event_catalog", "static event catalog"),
    Endpoint("GET", "/hooks", TABLE, "hooks.py list_hooks", "hook_configs (a JSON list)"),
    Endpoint("GET", "/webhooks", TABLE, "hooks.py list_webhooks", "webhook_configs (a JSON list)"),
    Endpoint("GET", "/hooks/logs", TABLE, "hooks.py list_hook_logs", "hook_log, newest 50"),
    Endpoint(
        "GET", "/scoring/weights", TABLE, "hooks.py get_weights", "scoring_weights and the built-in defaults"
    ),
    Endpoint("GET", "/scoring/modifiers", TABLE, "hooks.py get_modifiers", "provider_score_modifiers"),
    Endpoint("GET", "/prompt-presets", TABLE, "profiles.py list_prompt_presets", "prompt_presets"),
    Endpoint(
        "GET",
        "/backup/full/list",
        TABLE,
        "system.py list_full_backups",
        "the sublarr_full_*.zip archives in the backup folder",
    ),
]


def lookup(method: str, path: str) -> Endpoint | None:
    return next((endpoint for endpoint in ENDPOINTS if endpoint.matches(method, path)), None)


def classify(method: str, path: str) -> tuple[str, str]:
    """(class, 'legacy file function: note') for a call, or ('unclassified', '') for one not read yet."""
    endpoint = lookup(method, path)
    if endpoint is None:
        return UNKNOWN, ""
    return endpoint.kind, f"{endpoint.legacy}: {endpoint.note}" if endpoint.note else endpoint.legacy
