"""The contract scenarios: requests to the legacy API and what of each response must match.

Pure data (standard library only): tests/contract/record_legacy.py imports it under the legacy
app's virtualenv to record goldens, tests/contract/test_legacy_contract.py replays them on /api/v1.
A write is followed by the reads that show its effect. Volatile paths are compared by type only;
each group says why its values differ between runs.

The v14 fixture (tests/fixtures/legacy/v14-4d45cc2.db) was written on 2026-11-25: every
"last 24 hours / 7 days" figure computed from it depends on the day the suite runs, so those are
volatile too.
"""

from __future__ import annotations

from typing import Any

from tests.contract.scenario import DELETE, GET, POST, PUT, Scenario, Step
from tests.contract.sink import URL as SINK_URL

# Timestamps a write sets to "now".
NOW = ("created_at", "updated_at", "added_at")

# The kinds legacy registered (providers, backends, media servers) and the state of parts this
# server does not run. Legacy initialised every provider it could and checked its health live;
# no provider engine runs here, so whether one is initialised, healthy, and its message depend
# on the machine (its network, its keys): compared by type only.
PROVIDER_LIVE = ("providers.*.initialized", "providers.*.healthy", "providers.*.message")


def _each(prefix: str, names: tuple[str, ...] = NOW) -> tuple[str, ...]:
    return tuple(f"{prefix}.{n}" if prefix else n for n in names)


def S(id: str, *steps: Step, **options: Any) -> Scenario:  # noqa: N802, A002
    return Scenario(id, tuple(steps), **options)


WANTED = [
    S("wanted.list.default", GET("/wanted")),
    S("wanted.list.page2", GET("/wanted", {"page": 2, "per_page": 10})),
    S("wanted.list.page_beyond", GET("/wanted", {"page": 9, "per_page": 10})),
    S("wanted.list.per_page_capped", GET("/wanted", {"per_page": 500})),
    S("wanted.list.per_page_not_a_number", GET("/wanted", {"per_page": "x", "page": "y"})),
    S("wanted.list.item_type_movie", GET("/wanted", {"item_type": "movie"})),
    S(
        "wanted.list.item_type_episode_page2",
        GET("/wanted", {"item_type": "episode", "page": 2, "per_page": 5}),
    ),
    S("wanted.list.status_wanted", GET("/wanted", {"status": "wanted"})),
    S("wanted.list.status_unknown", GET("/wanted", {"status": "nonsense"})),
    S("wanted.list.subtitle_type_forced", GET("/wanted", {"subtitle_type": "forced"})),
    S("wanted.list.series_id", GET("/wanted", {"series_id": 101})),
    S("wanted.list.series_id_not_int", GET("/wanted", {"series_id": "abc"})),
    S("wanted.list.combined", GET("/wanted", {"item_type": "episode", "status": "wanted", "series_id": 105})),
    S("wanted.list.page_zero", GET("/wanted", {"page": 0, "per_page": 5})),
    S("wanted.list.per_page_negative", GET("/wanted", {"per_page": -1, "item_type": "movie"})),
    S("wanted.list.series_id_zero", GET("/wanted", {"series_id": 0})),
    S("wanted.list.empty_filters", GET("/wanted", {"status": "", "item_type": "", "per_page": 3})),
    S("wanted.list.movie_forced", GET("/wanted", {"item_type": "movie", "subtitle_type": "forced"})),
    S("wanted.summary", GET("/wanted/summary")),
    S(
        "wanted.status.ignore",
        PUT("/wanted/2/status", {"status": "ignored"}),
        GET("/wanted", {"status": "ignored"}, volatile="data.*.updated_at"),
        GET("/wanted/summary"),
    ),
    S(
        "wanted.status.failed_with_error",
        PUT("/wanted/3/status", {"status": "failed", "error": "no provider had it"}),
        GET("/wanted", {"status": "failed"}, volatile="data.*.updated_at"),
    ),
    S(
        "wanted.status.back_to_wanted",
        PUT("/wanted/1/status", {"status": "wanted"}),
        GET("/wanted", {"item_type": "movie", "status": "wanted"}, volatile="data.*.updated_at"),
    ),
    S("wanted.status.invalid", PUT("/wanted/2/status", {"status": "found"}), GET("/wanted", {"per_page": 5})),
    S("wanted.status.missing", PUT("/wanted/2/status", {})),
    S("wanted.status.unknown_id", PUT("/wanted/999/status", {"status": "ignored"})),
    S(
        "wanted.delete",
        DELETE("/wanted/5"),
        GET("/wanted", {"item_type": "movie"}),
        GET("/wanted/summary"),
        DELETE("/wanted/5"),
    ),
    S("wanted.delete.unknown_id", DELETE("/wanted/999")),
]

BLACKLIST = [
    S("blacklist.list.default", GET("/blacklist")),
    S("blacklist.list.page2", GET("/blacklist", {"page": 2, "per_page": 3})),
    S("blacklist.list.per_page_capped", GET("/blacklist", {"per_page": 1000})),
    S("blacklist.count", GET("/blacklist/count")),
    S(
        "blacklist.add",
        POST(
            "/blacklist",
            {
                "provider_name": "opensubtitles",
                "subtitle_id": "os-123",
                "language": "de",
                "file_path": "/media/anime/x.mkv",
                "title": "Neu",
                "reason": "wrong episode",
            },
            volatile="id",
        ),
        GET("/blacklist", {"per_page": 3}, volatile=("data.0.id", "data.0.added_at")),
        GET("/blacklist/count"),
    ),
    S(
        "blacklist.add.minimal",
        POST("/blacklist", {"provider_name": "jimaku", "subtitle_id": "j-9"}, volatile="id"),
        GET("/blacklist", {"per_page": 1}, volatile=("data.0.id", "data.0.added_at")),
    ),
    S(
        "blacklist.add.duplicate",
        POST(
            "/blacklist",
            {"provider_name": "jimaku", "subtitle_id": "bad-0", "reason": "again"},
            volatile="id",
        ),
        GET("/blacklist/count"),
    ),
    S("blacklist.add.missing_subtitle_id", POST("/blacklist", {"provider_name": "jimaku"})),
    S("blacklist.add.missing_provider", POST("/blacklist", {"subtitle_id": "x"})),
    S("blacklist.add.no_body", POST("/blacklist")),
    S("blacklist.delete", DELETE("/blacklist/3"), GET("/blacklist"), DELETE("/blacklist/3")),
    S("blacklist.delete.unknown_id", DELETE("/blacklist/999")),
    S("blacklist.clear.unconfirmed", DELETE("/blacklist"), GET("/blacklist/count")),
    S(
        "blacklist.clear.confirm_false",
        DELETE("/blacklist", query={"confirm": "no"}),
        GET("/blacklist/count"),
    ),
    S(
        "blacklist.clear",
        DELETE("/blacklist", query={"confirm": "true"}),
        GET("/blacklist"),
        GET("/blacklist/count"),
    ),
    S(
        "blacklist.clear.confirm_uppercase",
        DELETE("/blacklist", query={"confirm": "TRUE"}),
        GET("/blacklist/count"),
    ),
]

HISTORY = [
    S("history.list.default", GET("/history")),
    S("history.list.page2", GET("/history", {"page": 2, "per_page": 15})),
    S("history.list.provider", GET("/history", {"provider": "jimaku"})),
    S("history.list.language", GET("/history", {"language": "it"})),
    S("history.list.provider_and_language", GET("/history", {"provider": "subdl", "language": "es"})),
    S("history.list.provider_unknown", GET("/history", {"provider": "nope"})),
    S("history.list.per_page_capped", GET("/history", {"per_page": 300})),
    S("history.list.page_beyond", GET("/history", {"page": 5, "per_page": 20})),
    # last_24h / last_7d count downloads relative to today (fixture written 2026-11-25).
    S("history.stats", GET("/history/stats", volatile=("last_24h", "last_7d"))),
]

PROFILE_NEW = {
    "name": "Neu",
    "source_language": "ja",
    "source_language_name": "Japanese",
    "target_languages": ["de", "en"],
    "target_language_names": ["German", "English"],
    "translation_backend": "deepl",
    "fallback_chain": ["deepl", "ollama"],
    "forced_preference": "auto",
}

PROFILES = [
    S("profiles.list", GET("/language-profiles")),
    S(
        "profiles.create",
        POST("/language-profiles", PROFILE_NEW, volatile=("id", *NOW)),
        GET("/language-profiles", volatile=_each("profiles.3") + ("profiles.3.id",)),
    ),
    S(
        "profiles.create.defaults",
        POST("/language-profiles", {"name": "  Trimmed  "}, volatile=("id", *NOW)),
        GET("/language-profiles", volatile=_each("profiles.3") + ("profiles.3.id",)),
    ),
    S("profiles.create.duplicate_name", POST("/language-profiles", {"name": "Anime DE+EN"})),
    S("profiles.create.missing_name", POST("/language-profiles", {"source_language": "en"})),
    S("profiles.create.blank_name", POST("/language-profiles", {"name": "   "})),
    S("profiles.create.no_targets", POST("/language-profiles", {"name": "X", "target_languages": []})),
    S("profiles.create.bad_forced", POST("/language-profiles", {"name": "X", "forced_preference": "always"})),
    S(
        "profiles.update",
        PUT(
            "/language-profiles/3",
            {
                "name": "Movies FR+DE",
                "target_languages": ["fr", "de"],
                "target_language_names": ["French", "German"],
            },
            volatile="updated_at",
        ),
        GET("/language-profiles", volatile="profiles.*.updated_at"),
    ),
    S(
        "profiles.update.then_default_unchanged",
        PUT(
            "/language-profiles/1",
            {"source_language": "ja", "source_language_name": "Japanese"},
            volatile="updated_at",
        ),
        DELETE("/language-profiles/1"),
        GET("/language-profiles", volatile="profiles.0.updated_at"),
    ),
    S(
        "profiles.update.forced_and_chain",
        PUT(
            "/language-profiles/2",
            {"forced_preference": "disabled", "fallback_chain": ["ollama"]},
            volatile="updated_at",
        ),
    ),
    S("profiles.update.duplicate_name", PUT("/language-profiles/3", {"name": "Default"})),
    S("profiles.update.no_fields", PUT("/language-profiles/3", {"unknown": 1})),
    S("profiles.update.bad_forced", PUT("/language-profiles/3", {"forced_preference": "x"})),
    S("profiles.update.unknown_id", PUT("/language-profiles/99", {"name": "x"})),
    S("profiles.delete", DELETE("/language-profiles/3"), GET("/language-profiles")),
    S(
        "profiles.delete.assigned",
        DELETE("/language-profiles/2"),
        GET("/language-profiles"),
        PUT("/language-profiles/assign", {"type": "series", "arr_id": 100, "profile_id": 1}),
    ),
    S("profiles.delete.default", DELETE("/language-profiles/1"), GET("/language-profiles")),
    S("profiles.delete.unknown_id", DELETE("/language-profiles/99")),
    S(
        "profiles.assign.series",
        PUT("/language-profiles/assign", {"type": "series", "arr_id": 100, "profile_id": 3}),
        PUT("/language-profiles/assign", {"type": "series", "arr_id": 777, "profile_id": 3}),
        DELETE("/language-profiles/3"),
    ),
    S(
        "profiles.assign.movie",
        PUT("/language-profiles/assign", {"type": "movie", "arr_id": 501, "profile_id": 1}),
    ),
    S(
        "profiles.assign.bad_type",
        PUT("/language-profiles/assign", {"type": "show", "arr_id": 1, "profile_id": 1}),
    ),
    S("profiles.assign.missing", PUT("/language-profiles/assign", {"type": "series", "profile_id": 1})),
    S(
        "profiles.assign.unknown_profile",
        PUT("/language-profiles/assign", {"type": "series", "arr_id": 1, "profile_id": 99}),
    ),
]

GLOSSARY = [
    S("glossary.list", GET("/glossary", {"series_id": 100})),
    S("glossary.list.query", GET("/glossary", {"series_id": 100, "query": "man"})),
    S("glossary.list.query_no_match", GET("/glossary", {"series_id": 101, "query": "zzz"})),
    S("glossary.list.unknown_series", GET("/glossary", {"series_id": 5})),
    # SQLite's LIKE folds ASCII case only: "MANA" finds "Mana", "DÄMON" does not find "Dämon".
    S("glossary.list.query_ascii_case", GET("/glossary", {"series_id": 100, "query": "MANA"})),
    S("glossary.list.query_non_ascii_case", GET("/glossary", {"series_id": 100, "query": "DÄMON"})),
    S("glossary.list.query_target_term", GET("/glossary", {"series_id": 102, "query": "tit"})),
    S("glossary.list.series_zero", GET("/glossary", {"series_id": 0})),
    S("glossary.list.missing_series", GET("/glossary")),
    S("glossary.list.series_not_int", GET("/glossary", {"series_id": "x"})),
    S(
        "glossary.create",
        POST(
            "/glossary",
            {"series_id": 101, "source_term": " Nakama ", "target_term": "Gefährte", "notes": "term"},
            volatile=("id", *NOW),
        ),
        GET("/glossary", {"series_id": 101}, volatile=("entries.1.id", *_each("entries.1"))),
    ),
    S("glossary.create.missing_series", POST("/glossary", {"source_term": "a", "target_term": "b"})),
    S("glossary.create.missing_term", POST("/glossary", {"series_id": 100, "source_term": "a"})),
    S(
        "glossary.update",
        PUT("/glossary/4", {"target_term": "Dämon (de)"}, volatile="updated_at"),
        GET("/glossary", {"series_id": 100}, volatile="entries.*.updated_at"),
    ),
    S("glossary.update.no_fields", PUT("/glossary/4", {})),
    S("glossary.update.unknown_id", PUT("/glossary/99", {"notes": "x"})),
    S("glossary.delete", DELETE("/glossary/4"), GET("/glossary", {"series_id": 100}), DELETE("/glossary/4")),
]

PRESETS = [
    S("presets.list", GET("/prompt-presets")),
    S("presets.default.none", GET("/prompt-presets/default")),
    S(
        "presets.create_default",
        POST(
            "/prompt-presets",
            {"name": "Formal", "prompt_template": "Translate formally.", "is_default": True},
            volatile=("id", *NOW),
        ),
        GET("/prompt-presets", volatile=("presets.0.id", *_each("presets.0"))),
        GET("/prompt-presets/default", volatile=("id", *NOW)),
    ),
    S(
        "presets.create",
        POST("/prompt-presets", {"name": "Plain", "prompt_template": "Translate."}, volatile=("id", *NOW)),
        GET("/prompt-presets/default"),
        DELETE("/prompt-presets/1"),
        GET("/prompt-presets", volatile=("presets.0.id", *_each("presets.0"))),
    ),
    S("presets.create.missing_template", POST("/prompt-presets", {"name": "x"})),
    S(
        "presets.update.make_default",
        PUT("/prompt-presets/1", {"is_default": True}, volatile="updated_at"),
        GET("/prompt-presets/default", volatile="updated_at"),
    ),
    S("presets.update.rename", PUT("/prompt-presets/1", {"name": "Casual"}, volatile="updated_at")),
    S(
        "presets.default.moves",
        POST(
            "/prompt-presets",
            {"name": "A", "prompt_template": "a", "is_default": True},
            volatile=("id", *NOW),
        ),
        PUT("/prompt-presets/1", {"is_default": True}, volatile="updated_at"),
        GET("/prompt-presets", volatile=("presets.*.updated_at", "presets.1.id", "presets.1.created_at")),
        DELETE("/prompt-presets/1"),
        GET("/prompt-presets/default", volatile=("id", *NOW)),
    ),
    S("presets.update.no_fields", PUT("/prompt-presets/1", {})),
    S("presets.update.unknown_id", PUT("/prompt-presets/9", {"name": "x"})),
    S("presets.delete.last", DELETE("/prompt-presets/1"), GET("/prompt-presets")),
    S("presets.delete.unknown_id", DELETE("/prompt-presets/9")),
]

JOBS = [
    S("jobs.list", GET("/jobs")),
    S("jobs.list.page2", GET("/jobs", {"page": 2, "per_page": 15})),
    S("jobs.list.status_failed", GET("/jobs", {"status": "failed"})),
    S("jobs.list.status_running_small_page", GET("/jobs", {"status": "running", "per_page": 2})),
    S("jobs.list.per_page_capped", GET("/jobs", {"per_page": 999})),
    S("jobs.list.status_unknown", GET("/jobs", {"status": "paused"})),
    S("jobs.status", GET("/status/52ea5635")),
    S("jobs.status.completed", GET("/status/2be4d07d")),
    S("jobs.status.unknown_id", GET("/status/nope")),
    S("retranslate.status", GET("/retranslate/status")),
    # Their media files do not exist: every outcome short of starting work is decided by the data.
    S("jobs.retry.unknown_id", POST("/jobs/nope/retry")),
    S("jobs.retry.not_failed", POST("/jobs/2be4d07d/retry")),
    S("jobs.retry.file_missing", POST("/jobs/52ea5635/retry"), GET("/jobs", {"per_page": 1})),
    S("retranslate.unknown_id", POST("/retranslate/999")),
    S("translate.no_file_path", POST("/translate", {"force": True}), GET("/jobs", {"per_page": 1})),
    S("translate.empty_file_path", POST("/translate", {"file_path": ""})),
    S(
        "translate.file_missing",
        POST(
            "/translate", {"file_path": "/nowhere/S01E01.mkv", "sonarr_series_id": 1, "sonarr_episode_id": 2}
        ),
        GET("/jobs", {"per_page": 1}),
    ),
    S("translate.not_json", POST("/translate")),
    S("retranslate.wanted_item_file_missing", POST("/retranslate/7"), GET("/jobs", {"per_page": 1})),
    S("batch.status.idle", GET("/batch/status")),
    S("wanted.batch_search.status.idle", GET("/wanted/batch-search/status")),
    S("standalone.status", GET("/standalone/status")),
]

# An export is a file download, named after the day of the export.
DOWNLOAD = ("Content-Disposition",)

# The 2026-11-25 fixture's daily_stats row: ranges count rows, not days before today.
STATISTICS = [
    S("stats", GET("/stats", volatile="uptime_seconds")),
    S(
        "statistics.default",
        GET("/statistics", unordered=("downloads_by_provider", "backend_stats", "upgrades")),
    ),
    S(
        "statistics.range_7d",
        GET("/statistics", {"range": "7d"}, unordered=("downloads_by_provider", "backend_stats", "upgrades")),
    ),
    S(
        "statistics.range_365d",
        GET(
            "/statistics", {"range": "365d"}, unordered=("downloads_by_provider", "backend_stats", "upgrades")
        ),
    ),
    S(
        "statistics.range_unknown",
        GET("/statistics", {"range": "2w"}, unordered=("downloads_by_provider", "backend_stats", "upgrades")),
    ),
    # exported_at is the time of the export.
    S(
        "statistics.export.json",
        GET(
            "/statistics/export", volatile="exported_at", unordered="downloads_by_provider", headers=DOWNLOAD
        ),
    ),
    S(
        "statistics.export.json_90d",
        GET(
            "/statistics/export",
            {"range": "90d", "format": "json"},
            volatile="exported_at",
            unordered="downloads_by_provider",
        ),
    ),
    S("statistics.export.csv", GET("/statistics/export", {"format": "csv"}, headers=DOWNLOAD)),
    S("statistics.export.csv_7d", GET("/statistics/export", {"format": "csv", "range": "7d"})),
    S(
        "statistics.export.format_unknown",
        GET(
            "/statistics/export", {"format": "xml"}, volatile="exported_at", unordered="downloads_by_provider"
        ),
    ),
]

PROVIDERS = [
    S("providers.stats", GET("/providers/stats")),
    S(
        "providers.enable.not_disabled",
        POST("/providers/jimaku/enable"),
        POST("/providers/unknown/enable"),
    ),
    S(
        "providers.enable.disabled",
        POST("/providers/subdl/enable"),
        GET("/providers/stats"),
        setup_sql=(
            "UPDATE provider_stats SET auto_disabled = 1, disabled_until = '2999-01-01T00:00:00' "
            "WHERE provider_name = 'subdl'",
        ),
        why="auto-disabled until far in the future, so the cooldown has not expired on any run date",
    ),
    S("providers.cache.clear_all", POST("/providers/cache/clear"), GET("/providers/stats")),
    S(
        "providers.cache.clear_one",
        POST("/providers/cache/clear", {"provider_name": "jimaku"}),
        GET("/providers/stats"),
    ),
    S(
        "providers.cache.clear_unknown",
        POST("/providers/cache/clear", {"provider_name": "nope"}),
        GET("/providers/stats"),
    ),
    S("backends.stats", GET("/backends/stats")),
]

STANDALONE = [
    S("standalone.folders.list", GET("/standalone/folders")),
    S(
        "standalone.folders.create",
        # /tmp exists wherever the suite runs; the legacy app checks the directory exists.
        POST(
            "/standalone/folders",
            {"path": "/tmp", "label": "Temp", "media_type": "movie"},
            volatile=("id", *NOW),
        ),
        GET("/standalone/folders", volatile=("1.id", *_each("1"))),
    ),
    S("standalone.folders.create.missing_path", POST("/standalone/folders", {"label": "x"})),
    S(
        "standalone.folders.create.no_such_dir",
        POST("/standalone/folders", {"path": "/nonexistent/sublarr-x"}),
    ),
    S(
        "standalone.folders.create.bad_media_type",
        POST("/standalone/folders", {"path": "/tmp", "media_type": "anime"}),
    ),
    S(
        "standalone.folders.update",
        PUT("/standalone/folders/1", {"label": "Neu", "enabled": False}, volatile="updated_at"),
        GET("/standalone/folders", volatile="*.updated_at"),
    ),
    S("standalone.folders.update.bad_media_type", PUT("/standalone/folders/1", {"media_type": "x"})),
    S("standalone.folders.update.unknown_id", PUT("/standalone/folders/9", {"label": "x"})),
    S(
        "standalone.folders.delete",
        DELETE("/standalone/folders/1"),
        GET("/standalone/folders"),
        DELETE("/standalone/folders/1"),
    ),
    S("standalone.series.list", GET("/standalone/series")),
    S("standalone.series.get", GET("/standalone/series/1")),
    S("standalone.series.get.unknown_id", GET("/standalone/series/9")),
    S(
        "standalone.series.delete",
        DELETE("/standalone/series/1"),
        GET("/standalone/series"),
        GET("/wanted", {"per_page": 2}),
        DELETE("/standalone/series/1"),
    ),
    S("standalone.movies.list", GET("/standalone/movies")),
    S(
        "standalone.movies.delete",
        DELETE("/standalone/movies/1"),
        GET("/standalone/movies"),
        DELETE("/standalone/movies/1"),
    ),
]

WHISPER_PROGRESS = ("UPDATE whisper_jobs SET status = 'transcribing' WHERE id = 'w0000001'",)
WHISPER = [
    S("whisper.queue", GET("/whisper/queue")),
    S("whisper.queue.status", GET("/whisper/queue", {"status": "queued"})),
    S("whisper.queue.limit", GET("/whisper/queue", {"limit": 2})),
    S("whisper.job", GET("/whisper/jobs/w0000003")),
    S("whisper.job.unknown_id", GET("/whisper/jobs/nope")),
    S(
        "whisper.job.delete_completed",
        DELETE("/whisper/jobs/w0000003"),
        GET("/whisper/queue"),
        GET("/whisper/jobs/w0000003"),
    ),
    S("whisper.job.cancel_queued", DELETE("/whisper/jobs/w0000000"), GET("/whisper/jobs/w0000000")),
    S(
        "whisper.job.delete_in_progress",
        DELETE("/whisper/jobs/w0000001"),
        GET("/whisper/stats"),
        setup_sql=WHISPER_PROGRESS,
    ),
    S("whisper.job.delete_unknown_id", DELETE("/whisper/jobs/nope")),
    S("whisper.stats", GET("/whisper/stats")),
    S("whisper.config", GET("/whisper/config")),
    S(
        "whisper.config.update",
        PUT(
            "/whisper/config",
            {
                "whisper_enabled": True,
                "max_concurrent_whisper": 2,
                "whisper_backend": "faster_whisper",
                "other": 1,
            },
        ),
        GET("/whisper/config"),
    ),
    S("whisper.config.update.empty", PUT("/whisper/config", {})),
    S("whisper.backend_config.subgen", GET("/whisper/backends/config/subgen")),
    S(
        "whisper.backend_config.update",
        PUT("/whisper/backends/config/subgen", {"endpoint": "http://subgen:9000", "timeout": 600}),
        GET("/whisper/backends/config/subgen"),
    ),
    S(
        "whisper.backend_config.unknown",
        GET("/whisper/backends/config/nope"),
        PUT("/whisper/backends/config/nope", {"a": 1}),
    ),
    S("whisper.backend_config.update.empty", PUT("/whisper/backends/config/subgen", {})),
]

# Paths of the legacy app's own files, which the settings report: the recorder's scratch folder
# there, the test's data folder here.
CONFIG_PATHS = ("db_path", "log_file", "backup_dir", "plugins_dir", "media_path")


def _in(prefix: str, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{prefix}.{n}" for n in names)


CONFIG = [
    S("config.get", GET("/config", volatile=CONFIG_PATHS)),
    S("config.export", GET("/config/export", volatile=CONFIG_PATHS)),
    S(
        "config.update",
        PUT(
            "/config",
            {
                "target_language": "fr",
                "wanted_scan_interval_hours": 12,
                "upgrade_enabled": False,
                "sonarr_api_key": "  secret-key  ",
                "jimaku_api_key": "***configured***",
                "not_a_setting": "x",
            },
            volatile=_in("config", CONFIG_PATHS),
        ),
        GET("/config", volatile=CONFIG_PATHS),
        GET("/onboarding/status"),
        GET("/retranslate/status"),
    ),
    # Values are stored as text and parsed back by the settings' own types.
    S(
        "config.update.typed_from_text",
        PUT(
            "/config",
            {
                "upgrade_enabled": "false",
                "batch_size": "20",
                "temperature": 0.5,
                "providers_enabled": ["a", "b"],
            },
            volatile=_in("config", CONFIG_PATHS),
        ),
        GET("/config", volatile=CONFIG_PATHS),
    ),
    S(
        "config.update.invalid_value",
        PUT("/config", {"batch_size": "many"}),
        GET("/config", volatile=CONFIG_PATHS),
    ),
    S("config.update.empty", PUT("/config", {})),
    S("config.update.unknown_keys_only", PUT("/config", {"nope": 1}, volatile=_in("config", CONFIG_PATHS))),
    S(
        "config.import",
        POST(
            "/config/import",
            {"ollama_model": "llama3", "sonarr_api_key": "k", "api_key": "x", "batch_size": 20, "bogus": 1},
            volatile=_in("config", CONFIG_PATHS),
        ),
        GET("/config/export", volatile=CONFIG_PATHS),
    ),
    S("config.import.empty", POST("/config/import", {})),
    S("onboarding.status", GET("/onboarding/status")),
    S("onboarding.complete", POST("/onboarding/complete"), GET("/onboarding/status")),
    S("backends.config.ollama", GET("/backends/ollama/config")),
    S(
        "backends.config.update",
        PUT("/backends/deepl/config", {"api_key": "deepl-secret", "formality": "less"}),
        GET("/backends/deepl/config"),
    ),
    S("backends.config.unknown", GET("/backends/nope/config"), PUT("/backends/nope/config", {"a": 1})),
    S("backends.config.update.empty", PUT("/backends/ollama/config", {})),
    S("mediaservers.instances.empty", GET("/mediaservers/instances")),
    S(
        "mediaservers.instances.save",
        PUT(
            "/mediaservers/instances",
            [
                {"type": "jellyfin", "name": "Main", "url": "http://127.0.0.1:9", "api_key": "abcdef123456"},
                {"type": "kodi", "name": "Kodi", "url": "http://127.0.0.1:9", "password": "pw"},
            ],
        ),
        GET("/mediaservers/instances"),
    ),
    S("mediaservers.instances.not_a_list", PUT("/mediaservers/instances", {"type": "plex"})),
    S("mediaservers.instances.missing_type", PUT("/mediaservers/instances", [{"name": "x"}])),
    S("mediaservers.instances.missing_name", PUT("/mediaservers/instances", [{"type": "plex"}])),
    S("mediaservers.instances.not_objects", PUT("/mediaservers/instances", ["plex"])),
    S(
        "plugins.config.unknown",
        GET("/plugins/mycustom/config"),
        PUT("/plugins/mycustom/config", {"api_key": "x"}),
    ),
    S("plugins.config.builtin_provider", GET("/plugins/jimaku/config")),
    # The fixture's path_mapping is "/data=>/media": split at the first "=", the local prefix is ">/media".
    S(
        "settings.path_mapping.test",
        POST("/settings/path-mapping/test", {"remote_path": " /data/anime/x.mkv "}),
    ),
    S(
        "settings.path_mapping.test.unmapped",
        POST("/settings/path-mapping/test", {"remote_path": "/other/x.mkv"}),
    ),
    S("settings.path_mapping.test.missing", POST("/settings/path-mapping/test", {})),
    S("sonarr.instances", GET("/sonarr/instances")),
    S("radarr.instances", GET("/radarr/instances")),
    S(
        "arr.instances.configured",
        PUT(
            "/config",
            {
                "sonarr_url": "http://127.0.0.1:9",
                "sonarr_api_key": "sonarr-key",
                "radarr_instances_json": '[{"name": "Anime", "url": "http://127.0.0.1:9", "api_key": "r"}]',
            },
            volatile=_in("config", CONFIG_PATHS),
        ),
        GET("/sonarr/instances"),
        GET("/radarr/instances"),
        GET("/onboarding/status"),
    ),
    S("backends.list", GET("/backends")),
    S("whisper.backends", GET("/whisper/backends")),
    S("mediaservers.types", GET("/mediaservers/types")),
    S("plugins.list", GET("/plugins")),
    S("providers.list", GET("/providers", volatile=PROVIDER_LIVE)),
    S("notifications.status", GET("/notifications/status")),
    S("logs.rotation", GET("/logs/rotation")),
    S(
        "logs.rotation.update",
        PUT("/logs/rotation", {"max_size_mb": 20, "backup_count": 3.7}),
        GET("/logs/rotation"),
    ),
    S("logs.rotation.update.partial", PUT("/logs/rotation", {"backup_count": 9})),
    S("logs.rotation.update.out_of_range", PUT("/logs/rotation", {"max_size_mb": 0, "backup_count": 21})),
    S("logs.rotation.update.not_a_number", PUT("/logs/rotation", {"max_size_mb": "20"})),
]

HOOK_NEW = {"name": "new hook", "event_name": "upgrade_complete", "script_path": "/config/hooks/x.sh"}
WEBHOOK_NEW = {
    "name": "ntfy",
    "event_name": "*",
    "url": "http://127.0.0.1:9/hook",
    "secret": "x",
    "retry_count": 0,
}

HOOKS = [
    S("events.catalog", GET("/events/catalog")),
    S("hooks.list", GET("/hooks")),
    S("hooks.list.event", GET("/hooks", {"event_name": "subtitle_downloaded"})),
    S("hooks.list.event_none", GET("/hooks", {"event_name": "upgrade_complete"})),
    S("hooks.get", GET("/hooks/1")),
    S("hooks.get.unknown_id", GET("/hooks/99")),
    S(
        "hooks.create",
        POST("/hooks", HOOK_NEW, volatile=("id", *NOW), capture={"hook_id": "id"}),
        GET("/hooks/{hook_id}", volatile=("id", *NOW)),
        GET("/hooks", volatile=("1.id", *_each("1"))),
    ),
    S(
        "hooks.create.default_timeout",
        POST("/hooks", {**HOOK_NEW, "timeout_seconds": "45"}, volatile=("id", *NOW)),
    ),
    S("hooks.create.missing_name", POST("/hooks", {"event_name": "upgrade_complete", "script_path": "/x"})),
    S("hooks.create.unknown_event", POST("/hooks", {**HOOK_NEW, "event_name": "nope"})),
    S("hooks.create.missing_script", POST("/hooks", {**HOOK_NEW, "script_path": ""})),
    S(
        "hooks.update",
        PUT(
            "/hooks/1",
            {"enabled": False, "timeout_seconds": 5, "id": 7, "trigger_count": 9},
            volatile="updated_at",
        ),
        GET("/hooks", volatile="*.updated_at"),
    ),
    S("hooks.update.nothing", PUT("/hooks/1", {"bogus": 1}), GET("/hooks/1")),
    S("hooks.update.unknown_id", PUT("/hooks/99", {"name": "x"})),
    # Updates are not validated as creations are: any event name, any URL is stored.
    S("hooks.update.unvalidated", PUT("/hooks/1", {"event_name": "nope", "name": ""}, volatile="updated_at")),
    S(
        "webhooks.update.unvalidated",
        PUT("/webhooks/1", {"url": "ftp://x", "event_name": "*"}, volatile="updated_at"),
    ),
    S(
        "hooks.delete",
        DELETE("/hooks/1"),
        GET("/hooks"),
        GET("/hooks/1"),
        DELETE("/hooks/1"),
        GET("/hooks/logs"),
    ),
    # The fixture's script does not exist: the test run reports the failure.
    S(
        "hooks.test",
        POST("/hooks/1/test", volatile=("duration_ms",)),
        GET("/hooks/logs", {"limit": 2}, volatile=("0.triggered_at", "0.duration_ms")),
    ),
    S("hooks.test.unknown_id", POST("/hooks/99/test")),
    S("hooks.logs", GET("/hooks/logs")),
    S("hooks.logs.hook", GET("/hooks/logs", {"hook_id": 1})),
    S("hooks.logs.webhook_limit", GET("/hooks/logs", {"webhook_id": 1, "limit": 2})),
    S("hooks.logs.clear", DELETE("/hooks/logs"), GET("/hooks/logs")),
    S("webhooks.list", GET("/webhooks")),
    S("webhooks.get", GET("/webhooks/1")),
    S("webhooks.get.unknown_id", GET("/webhooks/99")),
    S(
        "webhooks.create",
        POST("/webhooks", WEBHOOK_NEW, volatile=("id", *NOW), capture={"webhook_id": "id"}),
        GET("/webhooks/{webhook_id}", volatile=("id", *NOW)),
        GET("/webhooks", volatile=("1.id", *_each("1"))),
    ),
    S("webhooks.create.missing_name", POST("/webhooks", {**WEBHOOK_NEW, "name": ""})),
    S("webhooks.create.missing_event", POST("/webhooks", {**WEBHOOK_NEW, "event_name": ""})),
    S("webhooks.create.unknown_event", POST("/webhooks", {**WEBHOOK_NEW, "event_name": "nope"})),
    S("webhooks.create.bad_url", POST("/webhooks", {**WEBHOOK_NEW, "url": "ftp://x"})),
    S(
        "webhooks.update",
        PUT(
            "/webhooks/1",
            {"enabled": 0, "url": "http://127.0.0.1:9/x", "retry_count": 1},
            volatile="updated_at",
        ),
        GET("/webhooks", volatile="*.updated_at"),
    ),
    S("webhooks.update.unknown_id", PUT("/webhooks/99", {"name": "x"})),
    S("webhooks.delete", DELETE("/webhooks/1"), GET("/webhooks"), GET("/webhooks/1")),
    S("webhooks.test.unknown_id", POST("/webhooks/99/test")),
    S("scoring.weights", GET("/scoring/weights")),
    S(
        "scoring.weights.update",
        PUT(
            "/scoring/weights",
            {"episode": {"hash": 400, "series": 150}, "movie": {"year": 50}, "other": {"x": 1}},
        ),
        GET("/scoring/weights"),
    ),
    S("scoring.weights.update.empty", PUT("/scoring/weights", {})),
    S("scoring.weights.reset", DELETE("/scoring/weights"), GET("/scoring/weights")),
    S("scoring.modifiers", GET("/scoring/modifiers")),
    S(
        "scoring.modifiers.update",
        PUT("/scoring/modifiers", {"subdl": -10, "jimaku": "30"}),
        GET("/scoring/modifiers"),
    ),
    S(
        "scoring.modifiers.delete",
        DELETE("/scoring/modifiers/jimaku"),
        GET("/scoring/modifiers"),
        DELETE("/scoring/modifiers/none"),
    ),
]

# Nothing listens on the discard port of the loopback: the delivery fails the same way everywhere.
WEBHOOK_REFUSED = (
    "UPDATE webhook_configs SET url = 'http://127.0.0.1:9/hook', retry_count = 0 WHERE id = 1",
)

SYSTEM = [
    S(
        "webhooks.test.refused",
        POST("/webhooks/1/test", volatile=("duration_ms", "error")),
        GET("/webhooks/1", volatile=("last_triggered_at", "last_error", "updated_at")),
        setup_sql=WEBHOOK_REFUSED,
    ),
    S(
        "webhooks.test.delivered",
        POST("/webhooks/1/test", volatile="duration_ms"),
        GET("/webhooks/1"),
        GET("/hooks/logs", {"webhook_id": 1, "limit": 1}),
        setup_sql=(f"UPDATE webhook_configs SET url = '{SINK_URL}/ok' WHERE id = 1",),
        http_sink=True,
    ),
    S(
        "webhooks.test.server_error",
        # status_code 0: the HTTP client gives up on the 500; its error text is the library's own.
        POST("/webhooks/1/test", volatile=("duration_ms", "error")),
        setup_sql=(f"UPDATE webhook_configs SET url = '{SINK_URL}/fail', retry_count = 0 WHERE id = 1",),
        http_sink=True,
    ),
    # No Ollama, Sonarr or Radarr here: the legacy answer is 503 "unhealthy".
    S("health", GET("/health")),
    # The file's size and page counts depend on its history (vacuum, WAL checkpoints), not on the data.
    # Providers start in parallel threads: their circuit breakers are listed in no fixed order.
    S(
        "health.detailed",
        GET(
            "/health/detailed",
            volatile="subsystems.database.size_bytes",
            unordered="subsystems.providers.details",
        ),
    ),
    S(
        "database.health",
        GET(
            "/database/health",
            # page_size is the database's own block size: 4096 in SQLite's files, 8192 in
            # PostgreSQL's; which is a fact of the dialect, not of the contract.
            volatile=_in(
                "stats", ("size_bytes", "page_count", "freelist_count", "wal_size_bytes", "page_size")
            ),
        ),
    ),
    S("database.backups", GET("/database/backups")),
    S("backup.full.list", GET("/backup/full/list")),
    S("logs.level_none", GET("/logs", {"level": "NOSUCHLEVEL"})),
    S("tasks", GET("/tasks")),
]

# The kinds legacy registered and the state of parts this server does not run (see PROVIDER_LIVE).
CATALOGS = [
    S(
        "providers.list.auto_disabled",
        GET("/providers", volatile=PROVIDER_LIVE),
        setup_sql=(
            "UPDATE provider_stats SET auto_disabled = 1, disabled_until = '2999-01-01T00:00:00' "
            "WHERE provider_name = 'subdl'",
        ),
        why="auto-disabled until far in the future: listed, enabled, auto_disabled in its stats",
    ),
    S(
        "providers.list.cooldown_over",
        GET("/providers", volatile=PROVIDER_LIVE),
        GET("/providers/stats"),
        setup_sql=(
            "UPDATE provider_stats SET auto_disabled = 1, disabled_until = '2000-01-01T00:00:00' "
            "WHERE provider_name = 'jimaku'",
        ),
        why="a cooldown that is over is released while listing",
    ),
    S("backends.list.configured", PUT("/backends/deepl/config", {"api_key": "k:fx"}), GET("/backends")),
    S(
        "whisper.backends.configured",
        PUT("/whisper/config", {"whisper_backend": "faster_whisper"}),
        PUT("/whisper/backends/config/subgen", {"timeout": 60}),
        GET("/whisper/backends"),
    ),
    S(
        "standalone.status.folder_added",
        POST("/standalone/folders", {"path": "/tmp"}, volatile=("id", *NOW)),
        GET("/standalone/status"),
    ),
    S(
        "library",
        GET("/library", volatile=("request_id", "timestamp")),
        why="legacy failed here on every call at b0151c5 (a 500: it imported get_series_missing_counts "
        "from db.wanted, which is in db.profiles); /api/v1 answers the empty library it meant, a "
        "documented deviation (deviations.py)",
    ),
]

# A file written by legacy v05 and never opened by a later version: the legacy start-up migrates
# it (new tables and columns, a seeded 'Default' preset) before answering; replay loads the
# database as the legacy start-up left it (tests/fixtures/legacy_api/started/).
V05 = "v05-c777af3.db"
OLDER_FILE = [
    S("v05.wanted.list", GET("/wanted"), fixture=V05),
    S("v05.wanted.summary", GET("/wanted/summary"), fixture=V05),
    S("v05.profiles.list", GET("/language-profiles"), fixture=V05),
    S("v05.presets.list", GET("/prompt-presets", volatile=_each("presets.*")), fixture=V05),
    S("v05.jobs.list", GET("/jobs"), fixture=V05),
    S("v05.blacklist.list", GET("/blacklist"), fixture=V05),
    S("v05.stats", GET("/stats", volatile="uptime_seconds"), fixture=V05),
    S("v05.config.get", GET("/config", volatile=CONFIG_PATHS), fixture=V05),
]

# A request without a JSON body: routes that read it strictly (request.get_json()) answer
# Werkzeug's 415, those that read it leniently (silent=True) treat it as {}.
NO_JSON_BODY = [
    S("nobody.wanted.status", PUT("/wanted/2/status")),
    S("nobody.profiles.create", POST("/language-profiles")),
    S("nobody.profiles.assign", PUT("/language-profiles/assign")),
    S("nobody.glossary.create", POST("/glossary")),
    S("nobody.presets.update", PUT("/prompt-presets/1")),
    S("nobody.config.update", PUT("/config")),
    S("nobody.config.import", POST("/config/import")),
    S("nobody.logs.rotation.update", PUT("/logs/rotation")),
    S("nobody.mediaservers.instances", PUT("/mediaservers/instances")),
    S("nobody.whisper.config.update", PUT("/whisper/config")),
    S("nobody.hooks.create", POST("/hooks")),
    S("nobody.webhooks.create", POST("/webhooks")),
    S("nobody.scoring.modifiers.update", PUT("/scoring/modifiers")),
    S("nobody.standalone.folders.create", POST("/standalone/folders")),
    S("nobody.providers.cache.clear", POST("/providers/cache/clear"), GET("/providers/stats")),
]

SCENARIOS: list[Scenario] = [
    *WANTED,
    *BLACKLIST,
    *HISTORY,
    *PROFILES,
    *GLOSSARY,
    *PRESETS,
    *JOBS,
    *STATISTICS,
    *PROVIDERS,
    *STANDALONE,
    *WHISPER,
    *CONFIG,
    *HOOKS,
    *SYSTEM,
    *CATALOGS,
    *OLDER_FILE,
    *NO_JSON_BODY,
]
