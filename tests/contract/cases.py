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

from tests.contract.scenario import DELETE, GET, POST, PUT, Scenario, Step

# Timestamps a write sets to "now".
NOW = ("created_at", "updated_at", "added_at")


def _each(prefix: str, names: tuple[str, ...] = NOW) -> tuple[str, ...]:
    return tuple(f"{prefix}.{n}" if prefix else n for n in names)


def S(id: str, *steps: Step, **options: str) -> Scenario:  # noqa: N802, A002
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
    S("glossary.list.missing_series", GET("/glossary")),
    S("glossary.list.series_not_int", GET("/glossary", {"series_id": "x"})),
    S(
        "glossary.create",
        POST(
            "/glossary",
            {"series_id": 101, "source_term": " Nakama ", "target_term": "Gefährte", "notes": "term"},
            volatile=("id", *NOW),
        ),
        GET("/glossary", {"series_id": 101}, volatile=("entries.*.id", *_each("entries.*"))),
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
        GET("/prompt-presets", volatile=("presets.*.id", *_each("presets.*"))),
        GET("/prompt-presets/default", volatile=("id", *NOW)),
    ),
    S(
        "presets.create",
        POST("/prompt-presets", {"name": "Plain", "prompt_template": "Translate."}, volatile=("id", *NOW)),
        GET("/prompt-presets/default"),
        DELETE("/prompt-presets/1"),
        GET("/prompt-presets", volatile=("presets.*.id", *_each("presets.*"))),
    ),
    S("presets.create.missing_template", POST("/prompt-presets", {"name": "x"})),
    S(
        "presets.update.make_default",
        PUT("/prompt-presets/1", {"is_default": True}, volatile="updated_at"),
        GET("/prompt-presets/default", volatile="updated_at"),
    ),
    S("presets.update.rename", PUT("/prompt-presets/1", {"name": "Casual"}, volatile="updated_at")),
    S("presets.update.no_fields", PUT("/prompt-presets/1", {})),
    S("presets.update.unknown_id", PUT("/prompt-presets/9", {"name": "x"})),
    S("presets.delete.last", DELETE("/prompt-presets/1"), GET("/prompt-presets")),
    S("presets.delete.unknown_id", DELETE("/prompt-presets/9")),
]

SCENARIOS: list[Scenario] = [*WANTED, *BLACKLIST, *HISTORY, *PROFILES, *GLOSSARY, *PRESETS]
