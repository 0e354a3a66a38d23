"""Which legacy schema version a SQLite file was written by, from the tables and columns it has.

The legacy application kept no version number in the file (user_version is 0 in every release);
each release only added tables, columns and indexes, so the newest release whose additions are
all present is the file's version. Releases 7 and 14 changed no schema and read as 6 and 13.
"""

from __future__ import annotations

from collections.abc import Iterable

# (version, tables added, columns added to existing tables), from the legacy schema history.
HISTORY: list[tuple[int, set[str], set[tuple[str, str]]]] = [
    (1, {"jobs", "daily_stats", "config_entries"}, set()),
    (2, {"provider_cache", "subtitle_downloads"}, set()),
    (3, {"wanted_items"}, set()),
    (
        4,
        {"upgrade_history", "translation_config_history"},
        {("jobs", "config_hash"), ("wanted_items", "upgrade_candidate"), ("wanted_items", "current_score")},
    ),
    (
        5,
        {"language_profiles", "series_language_profiles", "movie_language_profiles"},
        {("wanted_items", "target_language")},
    ),
    (
        6,
        {
            "blacklist_entries",
            "ffprobe_cache",
            "glossary_entries",
            "prompt_presets",
            "provider_stats",
            "anidb_mappings",
        },
        {("wanted_items", "instance_name")},
    ),
    (7, set(), set()),
    (
        8,
        set(),
        {
            ("provider_stats", "avg_response_time_ms"),
            ("provider_stats", "last_response_time_ms"),
            ("provider_stats", "auto_disabled"),
            ("provider_stats", "disabled_until"),
        },
    ),
    (
        9,
        {"translation_backend_stats"},
        {("language_profiles", "translation_backend"), ("language_profiles", "fallback_chain_json")},
    ),
    (10, {"whisper_jobs"}, set()),
    (
        11,
        {"watched_folders", "standalone_series", "standalone_movies", "metadata_cache"},
        {("wanted_items", "standalone_series_id"), ("wanted_items", "standalone_movie_id")},
    ),
    (
        12,
        set(),
        {
            ("subtitle_downloads", "subtitle_type"),
            ("wanted_items", "subtitle_type"),
            ("language_profiles", "forced_preference"),
        },
    ),
    (
        13,
        {"hook_configs", "webhook_configs", "hook_log", "scoring_weights", "provider_score_modifiers"},
        set(),
    ),
    (14, set(), set()),
]
HEAD = HISTORY[-1][0]
LEGACY_TABLES = frozenset(t for _, tables, _ in HISTORY for t in tables)


def detect_version(columns: dict[str, Iterable[str]]) -> int:
    """The legacy version of a file with these tables and columns; 0 when it holds no legacy table.

    A file whose start-up migrations were cut short can hold part of a later release; its version
    is the last release it holds completely, and adoption adds the rest.
    """
    present = {(table, column) for table, cols in columns.items() for column in cols}
    version = 0
    for number, tables, added in HISTORY:
        if not all(table in columns for table in tables) or not added <= present:
            break
        if tables or added:  # releases without schema changes read as the one before them
            version = number
    return version


def describe_version(version: int) -> str:
    if version == 0:
        return "no legacy tables"
    same = [n for n, tables, added in HISTORY if n > version and not tables and not added]
    following = [n for n in same if all(m in same for m in range(version + 1, n + 1))]
    if following:
        return f"legacy schema v{version:02d} (as written by v{version:02d}-v{following[-1]:02d})"
    return f"legacy schema v{version:02d}"
