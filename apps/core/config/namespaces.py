"""Settings stored outside the typed schema, under the legacy key names the Settings tabs used.

- a translation backend's fields: `backend.<name>.<key>`; a Whisper backend's: `whisper.<name>.<key>`
  (fields and defaults as legacy's backend classes declared them; "password" fields are secrets);
- the global Whisper settings: `whisper_backend`, `max_concurrent_whisper`, `whisper_enabled`;
- media server instances: the `media_servers_json` setting, a JSON array.

Values are stored as legacy wrote them: `str(value)`, Whisper's booleans as "true"/"false",
the instances as `json.dumps(array)`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from apps.core.config import store


@dataclass(frozen=True)
class BackendField:
    key: str
    kind: str  # "text", "number" or "password", as the Settings tab renders it
    default: str

    @property
    def secret(self) -> bool:
        return self.kind == "password"


def _fields(*specs: tuple[str, str, str]) -> dict[str, BackendField]:
    return {key: BackendField(key, kind, default) for key, kind, default in specs}


TRANSLATION_BACKENDS: dict[str, dict[str, BackendField]] = {
    "ollama": _fields(
        ("url", "text", "http://localhost:11434"),
        ("model", "text", "qwen2.5:14b-instruct"),
        ("temperature", "number", "0.3"),
        ("request_timeout", "number", "90"),
        ("max_retries", "number", "3"),
    ),
    "deepl": _fields(("api_key", "password", "")),
    "libretranslate": _fields(
        ("url", "text", "http://libretranslate:5000"),
        ("api_key", "password", ""),
        ("request_timeout", "number", "30"),
    ),
    "openai_compat": _fields(
        ("api_key", "password", ""),
        ("base_url", "text", "https://api.openai.com/v1"),
        ("model", "text", "gpt-4o-mini"),
        ("temperature", "number", "0.3"),
        ("request_timeout", "number", "120"),
        ("max_retries", "number", "3"),
    ),
    "google": _fields(
        ("project_id", "text", ""), ("credentials_path", "text", ""), ("location", "text", "global")
    ),
}

WHISPER_BACKENDS: dict[str, dict[str, BackendField]] = {
    "faster_whisper": _fields(
        ("model_size", "text", "medium"),
        ("device", "text", "auto"),
        ("compute_type", "text", "auto"),
        ("cpu_threads", "number", "4"),
        ("beam_size", "number", "5"),
        ("vad_filter", "text", "true"),
        ("model_path", "text", "/config/whisper-models"),
    ),
    "subgen": _fields(("endpoint", "text", "http://subgen:9000"), ("timeout", "number", "600")),
}

TRANSLATION_PREFIX = "backend"
WHISPER_PREFIX = "whisper"
# What a stored password field reads as; sent back, it means "unchanged".
BACKEND_MASK = "***"


def _number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def read_backend(prefix: str, name: str, fields: dict[str, BackendField]) -> dict[str, str]:
    """The stored entries of one backend (legacy showed only what was stored), passwords masked."""
    start = f"{prefix}.{name}."
    entries = {key[len(start) :]: text for key, text in store.stored_with_prefix(start).items()}
    return {
        key: BACKEND_MASK if text and key in fields and fields[key].secret else text
        for key, text in entries.items()
    }


def save_backend(prefix: str, name: str, fields: dict[str, BackendField], data: dict[str, Any]) -> list[str]:
    """Validate every value, then store them all; InvalidSettings names each bad key."""
    texts: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            # Legacy stored any key a backend was sent (a field newer than this list, say).
            texts[f"{prefix}.{name}.{key}"] = str(value)
        elif field.secret and value == BACKEND_MASK:
            continue
        elif field.kind == "number" and not _number(value):
            errors[key] = f"expected a number, got {value!r}"
        elif field.kind != "number" and not isinstance(value, str):
            errors[key] = f"expected a string, got {value!r}"
        else:
            texts[f"{prefix}.{name}.{key}"] = str(value)
    if errors:
        raise store.InvalidSettings(errors)
    store.write(texts)
    return list(texts)


# The global Whisper settings: (legacy default text, kind).
WHISPER_GLOBAL: dict[str, tuple[str, type]] = {
    "whisper_backend": ("subgen", str),
    "max_concurrent_whisper": ("1", int),
    "whisper_enabled": ("false", bool),
}
_TRUE = ("true", "1", "yes")


def read_whisper_config() -> dict[str, Any]:
    entries = store.stored_with_prefix("", keys=list(WHISPER_GLOBAL))
    backend = entries.get("whisper_backend", "subgen")
    try:
        concurrent = int(entries.get("max_concurrent_whisper", "1"))
    except ValueError:
        concurrent = 1  # legacy failed with a 500 on such text; it can only come from outside
    enabled = entries.get("whisper_enabled", "false").lower() in _TRUE
    return {"whisper_backend": backend, "max_concurrent_whisper": concurrent, "whisper_enabled": enabled}


def save_whisper_config(data: dict[str, Any]) -> None:
    texts: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key, value in data.items():
        if key not in WHISPER_GLOBAL:
            continue  # legacy ignored other keys here
        if key == "whisper_backend":
            if value not in WHISPER_BACKENDS:
                errors[key] = f"expected one of {', '.join(WHISPER_BACKENDS)}, got {value!r}"
            else:
                texts[key] = value
        elif key == "max_concurrent_whisper":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                errors[key] = f"expected a whole number of at least 1, got {value!r}"
            else:
                texts[key] = str(value)
        elif isinstance(value, bool):
            texts[key] = "true" if value else "false"  # legacy wrote booleans lower-case here
        elif isinstance(value, str) and value.strip().lower() in ("true", "false"):
            texts[key] = value.strip().lower()
        else:
            errors[key] = f"expected a boolean, got {value!r}"
    if errors:
        raise store.InvalidSettings(errors)
    store.write(texts)


MEDIA_SERVERS_KEY = "media_servers_json"
MEDIA_SERVER_TYPES = ("jellyfin", "plex", "kodi")
MEDIA_SECRET_FIELDS = ("api_key", "token", "password")


def mask_media_secret(value: Any) -> str:
    """Legacy showed "***" and the last four characters of a longer secret."""
    text = str(value)
    return "***" + text[-4:] if len(text) > 4 else "***"


def read_media_servers(*, masked: bool = True) -> list[dict[str, Any]]:
    raw = store.get_entry(MEDIA_SERVERS_KEY)
    try:
        instances = json.loads(raw) if raw else []
    except (json.JSONDecodeError, TypeError):
        return []
    if not isinstance(instances, list):
        return []
    if not masked:
        return instances
    shown = []
    for entry in instances:
        safe = dict(entry) if isinstance(entry, dict) else entry
        if isinstance(safe, dict):
            for key in MEDIA_SECRET_FIELDS:
                if safe.get(key):
                    safe[key] = mask_media_secret(safe[key])
        shown.append(safe)
    return shown


def save_media_servers(body: Any) -> list[dict[str, Any]]:
    """Validate and store the whole array; a masked secret sent back keeps the stored one.

    Answers the array as it was sent, as legacy did (never a stored secret the client did not send).
    """
    if not isinstance(body, list):
        raise ValueError("Expected a JSON array")
    for index, entry in enumerate(body):
        if not isinstance(entry, dict):
            raise ValueError(f"Entry at index {index} is not an object")
        if not entry.get("type"):
            raise ValueError(f"Entry at index {index} missing 'type'")
        if not entry.get("name"):
            raise ValueError(f"Entry at index {index} missing 'name'")
        if entry["type"] not in MEDIA_SERVER_TYPES:
            raise ValueError(f"Entry at index {index} has unknown type {entry['type']!r}")
    echo = json.loads(json.dumps(body))  # legacy answered the array as sent
    stored = {
        (e.get("type"), e.get("name")): e for e in read_media_servers(masked=False) if isinstance(e, dict)
    }
    for entry in body:
        previous = stored.get((entry["type"], entry["name"]), {})
        for key in MEDIA_SECRET_FIELDS:
            value = entry.get(key)
            if isinstance(value, str) and value.startswith("***") and previous.get(key):
                if mask_media_secret(previous[key]) == value:
                    entry[key] = previous[key]
    store.write({MEDIA_SERVERS_KEY: json.dumps(body)})
    return echo
