"""The shared part of the static registries of kinds (providers, translation and Whisper backends,
media server types): a settings field as the Settings tabs render it.

Each registry lives in the app that owns its area (apps.providers.catalog, apps.translation.catalog,
apps.core.mediaservers) and lists the kinds the legacy application registered at b0151c5, in its
registration order, with the fields their classes declared. Legacy answered those declarations as
they were written, so a key a class left out (a provider field without "default" or "help") stays
out of the answer too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

FieldType = Literal["text", "password", "number"]
# The same, for the OpenAPI schema (one enum, ConfigFieldTypeEnum, for every registry).
FIELD_TYPES: tuple[str, ...] = ("text", "password", "number")


@dataclass(frozen=True)
class ConfigField:
    key: str
    label: str
    type: FieldType
    required: bool
    default: str | None = None  # None: the legacy declaration had no "default"
    help: str | None = None  # None: the legacy declaration had no "help"

    @property
    def secret(self) -> bool:
        return self.type == "password"

    def as_legacy(self) -> dict[str, Any]:
        """The declaration as legacy answered it: the keys it had, in its order."""
        shown: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "type": self.type,
            "required": self.required,
        }
        if self.default is not None:
            shown["default"] = self.default
        if self.help is not None:
            shown["help"] = self.help
        return shown
