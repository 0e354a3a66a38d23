"""The typed schema of every legacy setting: name, type, default, environment variable, secrecy.

One pydantic-settings model, field for field the legacy `Settings` (backend/config.py at b0151c5),
so a value reads the same here as there: the environment (`SUBLARR_<NAME>`) over the default, and
`config_entries` over both (see `store`). The legacy `.env` file is not read: Django's settings
already come from the environment.
"""

from __future__ import annotations

from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "SUBLARR_"

# The value GET /config shows for a secret that is set; PUT /config skips it (the user did not
# change the field), as legacy did.
MASK = "***configured***"


class LegacySettings(BaseSettings):
    """Every setting of the legacy application, with its legacy type and default."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", validate_default=False)

    # General
    port: int = 5765
    api_key: str = ""
    log_level: str = "INFO"
    log_file: str = "/config/sublarr.log"
    media_path: str = "/media"
    db_path: str = "/config/sublarr.db"
    # Ollama
    ollama_url: str = "http://localhost:11434"
    ollama_model: str = "qwen2.5:14b-instruct"
    batch_size: int = 15
    request_timeout: int = 90
    temperature: float = 0.3
    max_retries: int = 3
    backoff_base: int = 5
    # Translation
    source_language: str = "en"
    target_language: str = "de"
    source_language_name: str = "English"
    target_language_name: str = "German"
    prompt_template: str = ""
    # Subtitle providers
    provider_priorities: str = "animetosho,jimaku,opensubtitles,subdl"
    providers_enabled: str = ""
    provider_search_timeout: int = 30
    provider_cache_ttl_minutes: int = 5
    provider_auto_prioritize: bool = True
    provider_rate_limit_enabled: bool = True
    opensubtitles_api_key: str = ""
    opensubtitles_username: str = ""
    opensubtitles_password: str = ""
    jimaku_api_key: str = ""
    subdl_api_key: str = ""
    # Sonarr, Radarr, media servers
    sonarr_url: str = ""
    sonarr_api_key: str = ""
    sonarr_instances_json: str = ""
    radarr_url: str = ""
    radarr_api_key: str = ""
    radarr_instances_json: str = ""
    jellyfin_url: str = ""
    jellyfin_api_key: str = ""
    media_servers_json: str = ""
    path_mapping: str = ""
    # Wanted system
    wanted_scan_interval_hours: int = 6
    wanted_anime_only: bool = True
    wanted_anime_movies_only: bool = False
    wanted_scan_on_startup: bool = True
    wanted_max_search_attempts: int = 3
    use_embedded_subs: bool = True
    # Upgrades
    upgrade_enabled: bool = True
    upgrade_min_score_delta: int = 50
    upgrade_window_days: int = 7
    upgrade_prefer_ass: bool = True
    hi_removal_enabled: bool = False
    # Sonarr/Radarr webhook automation
    webhook_delay_minutes: int = 5
    webhook_auto_scan: bool = True
    webhook_auto_search: bool = True
    webhook_auto_translate: bool = True
    # Wanted search scheduler
    wanted_search_interval_hours: int = 24
    wanted_search_on_startup: bool = False
    wanted_search_max_items_per_run: int = 50
    # Notifications
    notification_urls_json: str = ""
    notify_on_download: bool = True
    notify_on_upgrade: bool = True
    notify_on_batch_complete: bool = True
    notify_on_error: bool = True
    notify_manual_actions: bool = False
    # Circuit breaker
    circuit_breaker_failure_threshold: int = 5
    circuit_breaker_cooldown_seconds: int = 60
    provider_auto_disable_cooldown_minutes: int = 30
    log_format: str = "text"
    # Database backup
    backup_dir: str = "/config/backups"
    backup_retention_daily: int = 7
    backup_retention_weekly: int = 4
    backup_retention_monthly: int = 3
    # Plugins
    plugins_dir: str = "/config/plugins"
    plugin_hot_reload: bool = False
    # Standalone mode
    standalone_enabled: bool = False
    standalone_scan_interval_hours: int = 6
    standalone_debounce_seconds: int = 10
    tmdb_api_key: str = ""
    tvdb_api_key: str = ""
    tvdb_pin: str = ""
    metadata_cache_ttl_days: int = 30
    # AniDB
    anidb_enabled: bool = True
    anidb_cache_ttl_days: int = 30
    anidb_custom_field_name: str = "anidb_id"
    anidb_fallback_to_mapping: bool = True


def _masked_by_legacy(name: str) -> bool:
    # The legacy GET /config masked a key containing "api_key" or having "key" as a word.
    return "api_key" in name or "key" in name.split("_")


# The legacy import refused these even when GET showed them (opensubtitles_password was shown in
# clear by the legacy GET /config; here it is masked as well: one notion of secret).
_IMPORT_REFUSED = frozenset(
    {
        "api_key",
        "sonarr_api_key",
        "radarr_api_key",
        "jellyfin_api_key",
        "opensubtitles_api_key",
        "opensubtitles_password",
        "jimaku_api_key",
        "subdl_api_key",
    }
)


def _plain_type(name: str, annotation: object) -> type:
    """A setting's type; the codec and the admin form know bool, int, float and str only."""
    if not isinstance(annotation, type) or annotation not in (bool, int, float, str):
        raise TypeError(f"setting {name}: {annotation!r} is not bool, int, float or str")
    return annotation


FIELD_TYPES: dict[str, type] = {
    name: _plain_type(name, info.annotation) for name, info in LegacySettings.model_fields.items()
}
DEFAULTS: dict[str, Any] = {name: info.default for name, info in LegacySettings.model_fields.items()}
SECRETS: frozenset[str] = frozenset(name for name in FIELD_TYPES if _masked_by_legacy(name)) | _IMPORT_REFUSED


def env_name(name: str) -> str:
    return f"{ENV_PREFIX}{name.upper()}"


def is_setting(name: str) -> bool:
    return name in FIELD_TYPES


def is_secret(name: str) -> bool:
    """A setting whose value is never shown nor exported unless asked (a key, token or password)."""
    return name in SECRETS


# Entries outside the typed schema hold credentials too ("plugin.x.api_key", a backend's token).
_SECRET_PARTS = ("password", "secret", "token", "api_key", "apikey")


def is_secret_entry(key: str) -> bool:
    """Any `config_entries` key whose value is a credential: a secret setting or a credential's name."""
    return is_secret(key) or any(part in key.lower() for part in _SECRET_PARTS)
