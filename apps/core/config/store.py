"""Read and write the settings registry over `config_entries`.

`current()` is what the legacy application would run with: its defaults, the `SUBLARR_*`
environment over them, and every parsable `config_entries` row over both. `save()` validates a whole
batch first and writes it in one transaction, so a batch with one bad value changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from pydantic import ValidationError

from apps.core.config import codec
from apps.core.config.schema import FIELD_TYPES, MASK, LegacySettings, env_name, is_secret
from apps.core.config.signals import settings_saved
from apps.core.models import ConfigEntry


class InvalidSettings(ValueError):
    """Some values of a batch are refused: `errors` maps each bad key to why."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {why}" for key, why in self.errors.items()))


def from_environment() -> LegacySettings:
    try:
        return LegacySettings()
    except ValidationError as exc:
        names = ", ".join(env_name(str(error["loc"][0])) for error in exc.errors())
        raise ImproperlyConfigured(f"{names}: not a valid value ({exc.error_count()} error(s))") from exc


def overrides(entries: Mapping[str, str]) -> dict[str, Any]:
    """The typed values of the rows legacy would apply; unknown keys and unparsable text are skipped."""
    typed: dict[str, Any] = {}
    for key, text in entries.items():
        if key not in FIELD_TYPES or text is None:
            continue
        try:
            typed[key] = codec.parse_text(key, text)
        except ValueError:
            continue
    return typed


def stored() -> dict[str, str]:
    return dict(ConfigEntry.objects.values_list("key", "value"))


def current(entries: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting as its typed value."""
    values = from_environment().model_dump()
    values.update(overrides(stored() if entries is None else entries))
    return values


def masked(values: Mapping[str, Any]) -> dict[str, Any]:
    """Secrets shown as legacy showed them: the mask when set, "" when not."""
    return {key: (MASK if value else "") if is_secret(key) else value for key, value in values.items()}


def validate(
    values: Mapping[str, Any], *, skip_secrets: bool = False, imported: bool = False
) -> tuple[dict[str, str], list[str]]:
    """The text to store per key, and the secrets skipped; InvalidSettings names every bad key.

    A masked secret (the value GET showed) means "unchanged" and is left out, as in legacy.
    """
    texts: dict[str, str] = {}
    skipped: list[str] = []
    errors: dict[str, str] = {}
    for key, value in values.items():
        if key not in FIELD_TYPES:
            errors[key] = "unknown setting"
            continue
        if skip_secrets and is_secret(key):
            skipped.append(key)
            continue
        if isinstance(value, str) and value == MASK:
            continue
        try:
            texts[key] = codec.check(key, value, imported=imported)
        except codec.SettingValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise InvalidSettings(errors)
    return texts, skipped


def write(texts: Mapping[str, str]) -> None:
    with transaction.atomic():
        for key, text in texts.items():
            ConfigEntry(key=key, value=text).save()


def save(
    values: Mapping[str, Any], *, skip_secrets: bool = False, imported: bool = False
) -> tuple[list[str], list[str]]:
    """Validate and store a batch, all or nothing; returns (saved keys, skipped secrets)."""
    texts, skipped = validate(values, skip_secrets=skip_secrets, imported=imported)
    write(texts)
    settings_saved.send(sender=ConfigEntry, keys=list(texts))
    return list(texts), skipped


def stored_with_prefix(prefix: str, keys: list[str] | None = None) -> dict[str, str]:
    """Stored entries whose key starts with `prefix` (or, given `keys`, exactly those keys)."""
    rows = (
        ConfigEntry.objects.filter(key__in=keys)
        if keys is not None
        else ConfigEntry.objects.filter(key__startswith=prefix)
    )
    return dict(rows.values_list("key", "value"))


def get_entry(key: str) -> str | None:
    return ConfigEntry.objects.filter(key=key).values_list("value", flat=True).first()


def set_entry(key: str, text: str) -> None:
    """Store one raw entry (a key outside the typed schema, e.g. "onboarding_completed")."""
    ConfigEntry(key=key, value=text).save()
