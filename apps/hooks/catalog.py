"""The event catalog: every event Sublarr emits, its label, description and payload fields.

The names and payload fields of the legacy catalog (backend/events/catalog.py at b0151c5): hooks
subscribe to one of these names, webhooks to one of them or to "*" (every event).
"""

from __future__ import annotations

from typing import TypedDict

ALL_EVENTS = "*"


class EventInfo(TypedDict):
    label: str
    description: str
    payload_keys: list[str]


def _event(label: str, description: str, *payload_keys: str) -> EventInfo:
    return {"label": label, "description": description, "payload_keys": list(payload_keys)}


EVENT_CATALOG: dict[str, EventInfo] = {
    "subtitle_downloaded": _event(
        "Subtitle Downloaded",
        "A subtitle file was successfully downloaded from a provider.",
        *("provider_name", "language", "format", "score", "series_title", "season", "episode", "movie_title"),
    ),
    "translation_complete": _event(
        "Translation Complete",
        "A subtitle translation job finished successfully.",
        *("job_id", "source_language", "target_language", "backend_name", "duration_ms"),
        *("series_title", "movie_title"),
    ),
    "translation_failed": _event(
        "Translation Failed",
        "A subtitle translation job failed.",
        *(
            "job_id",
            "source_language",
            "target_language",
            "backend_name",
            "error",
            "series_title",
            "movie_title",
        ),
    ),
    "provider_search_complete": _event(
        "Provider Search Complete",
        "A provider search returned results.",
        *("provider_name", "result_count", "best_score", "series_title", "season", "episode", "movie_title"),
    ),
    "provider_failed": _event(
        "Provider Failed",
        "A provider search or download failed.",
        *("provider_name", "error", "error_type", "series_title", "movie_title"),
    ),
    "wanted_scan_complete": _event(
        "Wanted Scan Complete",
        "The periodic wanted scanner completed a full scan cycle.",
        *("total_items", "new_items", "removed_items", "duration_ms"),
    ),
    "wanted_item_processed": _event(
        "Wanted Item Processed",
        "A single wanted item was searched and processed.",
        *("item_id", "title", "season_episode", "status", "provider_name", "score"),
    ),
    "upgrade_complete": _event(
        "Upgrade Complete",
        "A subtitle was upgraded (e.g. SRT replaced with ASS).",
        *("title", "old_format", "new_format", "old_score", "new_score", "provider_name"),
    ),
    "batch_complete": _event(
        "Batch Complete",
        "A batch translation or search operation completed.",
        *("total", "succeeded", "failed", "skipped", "duration_ms"),
    ),
    "webhook_received": _event(
        "Webhook Received",
        "An incoming webhook from Sonarr or Radarr was received.",
        *("source", "event_type", "title", "season", "episode"),
    ),
    "config_updated": _event(
        "Config Updated", "Application configuration was changed.", *("changed_keys", "source")
    ),
    "whisper_complete": _event(
        "Whisper Complete",
        "A Whisper speech-to-text job finished successfully.",
        *("job_id", "backend_name", "detected_language", "segment_count", "duration_seconds"),
        "processing_time_ms",
    ),
    "whisper_failed": _event(
        "Whisper Failed", "A Whisper speech-to-text job failed.", *("job_id", "backend_name", "error")
    ),
    "hook_executed": _event(
        "Hook Executed",
        "A hook or webhook was executed (meta-event for monitoring).",
        *("hook_id", "webhook_id", "hook_type", "event_name", "success", "duration_ms"),
    ),
    "standalone_scan_complete": _event(
        "Standalone Scan Complete",
        "A standalone folder scan completed.",
        *("folders_scanned", "files_found", "wanted_added", "duration_seconds"),
    ),
    "standalone_file_detected": _event(
        "Standalone File Detected",
        "A new media file was detected in a watched folder.",
        *("path", "type", "wanted"),
    ),
}


def is_event(name: str) -> bool:
    return name in EVENT_CATALOG


def sample_payload(event_name: str) -> dict[str, str]:
    """What a test run sends: every payload field of the event set to "test_value", as legacy did."""
    info = EVENT_CATALOG.get(event_name)
    return {key: "test_value" for key in (info["payload_keys"] if info else [])}


def hook_event_choices() -> list[tuple[str, str]]:
    """Choices of a script hook's event (the admin and model validation use them)."""
    return [(name, info["label"]) for name, info in EVENT_CATALOG.items()]


def webhook_event_choices() -> list[tuple[str, str]]:
    """A webhook's: every event of the catalog, or "*" for all of them."""
    return [(ALL_EVENTS, "Every event"), *hook_event_choices()]
