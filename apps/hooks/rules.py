"""What a script hook or webhook may be set to: the legacy checks, plus types and the event catalog.

Legacy (backend/routes/hooks.py) checked only a new row's name, event and URL, and cast numbers with
`int()` (a 500 on text); an update was stored unchecked. Here creation and partial updates share
one set of rules, and the first bad field is a 400 message with nothing stored.
"""

from __future__ import annotations

from typing import Any

from apps.hooks.catalog import ALL_EVENTS, is_event
from apps.hooks.models import SECRET_MASK

HOOK_FIELDS = ("name", "event_name", "script_path", "timeout_seconds", "enabled")
WEBHOOK_FIELDS = ("name", "event_name", "url", "secret", "retry_count", "timeout_seconds", "enabled")


class HookInputError(ValueError):
    """A field of a hook or webhook that cannot be stored; the message is the legacy-style error."""


def _text(data: dict[str, Any], name: str, message: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str) or not value.strip():
        raise HookInputError(message)
    return value.strip()


def _whole(data: dict[str, Any], name: str, minimum: int) -> int:
    value = data[name]
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            number = None
    if number is None or number < minimum:
        raise HookInputError(f"{name} must be a whole number of at least {minimum}")
    return number


def clean_hook(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """The columns to store for a new hook (partial=False) or a change to one."""
    fields = {key: data[key] for key in HOOK_FIELDS if key in data}
    if not partial:
        fields.setdefault("timeout_seconds", 30)
    cleaned: dict[str, Any] = {}
    if not partial or "name" in fields:
        cleaned["name"] = _text(fields, "name", "name is required")
    if not partial or "event_name" in fields:
        event = _text(fields, "event_name", "event_name must be a valid event from the catalog")
        if not is_event(event):
            raise HookInputError("event_name must be a valid event from the catalog")
        cleaned["event_name"] = event
    if not partial or "script_path" in fields:
        cleaned["script_path"] = _text(fields, "script_path", "script_path is required")
    if "timeout_seconds" in fields:
        cleaned["timeout_seconds"] = _whole(fields, "timeout_seconds", 1)
    if "enabled" in fields:
        cleaned["enabled"] = bool(fields["enabled"])
    return cleaned


def clean_webhook(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """The columns to store for a new webhook or a change to one; the mask leaves the secret alone."""
    fields = {key: data[key] for key in WEBHOOK_FIELDS if key in data}
    if not partial:
        fields.setdefault("retry_count", 3)
        fields.setdefault("timeout_seconds", 10)
    cleaned: dict[str, Any] = {}
    if not partial or "name" in fields:
        cleaned["name"] = _text(fields, "name", "name is required")
    if not partial or "event_name" in fields:
        event = _text(fields, "event_name", "event_name is required")
        if event != ALL_EVENTS and not is_event(event):
            raise HookInputError("event_name must be a valid event or '*' for all events")
        cleaned["event_name"] = event
    if not partial or "url" in fields:
        url = fields.get("url", "")
        url = url.strip() if isinstance(url, str) else ""
        if not url.startswith(("http://", "https://")):
            raise HookInputError("url is required and must start with http:// or https://")
        cleaned["url"] = url
    if "secret" in fields and fields["secret"] != SECRET_MASK:
        secret = fields["secret"]
        if secret is None:
            secret = ""
        if not isinstance(secret, str):
            raise HookInputError("secret must be a string")
        cleaned["secret"] = secret
    if "retry_count" in fields:
        cleaned["retry_count"] = _whole(fields, "retry_count", 0)
    if "timeout_seconds" in fields:
        cleaned["timeout_seconds"] = _whole(fields, "timeout_seconds", 1)
    if "enabled" in fields:
        cleaned["enabled"] = bool(fields["enabled"])
    return cleaned
