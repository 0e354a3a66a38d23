"""The subtitle providers Sublarr knows: their names and the settings each one asks for.

The legacy registry (backend/providers/*.py at b0151c5), in the order legacy registered them
(the order of its imports), which is the order of GET /providers among equal priorities. No
provider engine runs in this server: these are facts about the kinds, not running providers.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.core.kinds import ConfigField


@dataclass(frozen=True)
class ProviderKind:
    name: str
    config_fields: tuple[ConfigField, ...] = ()


PROVIDERS: tuple[ProviderKind, ...] = (
    ProviderKind(
        "opensubtitles",
        (
            ConfigField("opensubtitles_api_key", "API Key", "password", True),
            ConfigField("opensubtitles_username", "Username", "text", False),
            ConfigField("opensubtitles_password", "Password", "password", False),
        ),
    ),
    ProviderKind("jimaku", (ConfigField("jimaku_api_key", "API Key", "password", True),)),
    ProviderKind("animetosho"),
    ProviderKind("subdl", (ConfigField("subdl_api_key", "API Key", "password", True),)),
    ProviderKind("gestdown"),
    ProviderKind("podnapisi"),
    ProviderKind("kitsunekko"),
    ProviderKind(
        "napisy24",
        (
            # The public credentials the provider falls back to.
            ConfigField("username", "Username", "text", False, default="subliminal"),
            ConfigField("password", "Password", "password", False, default="lanimilbus"),
        ),
    ),
    # Deprecated in legacy (the Whisper backends replaced it) but still registered and listed.
    ProviderKind(
        "whisper_subgen",
        (
            ConfigField("endpoint", "Subgen URL", "text", True, default="http://subgen:9000"),
            ConfigField("timeout", "Timeout (seconds)", "number", False, default="600"),
        ),
    ),
    ProviderKind("titrari"),
    ProviderKind(
        "legendasdivx",
        (
            ConfigField("username", "Username", "text", True),
            ConfigField("password", "Password", "password", True),
        ),
    ),
)

PROVIDER_NAMES: tuple[str, ...] = tuple(kind.name for kind in PROVIDERS)


def names_in(setting: str) -> list[str]:
    """A comma-separated provider setting (`provider_priorities`, `providers_enabled`) as names."""
    return [name.strip() for name in setting.split(",") if name.strip()]


def enabled_names(providers_enabled: str) -> set[str]:
    """The providers the `providers_enabled` setting enables: all of them when it is empty."""
    return set(names_in(providers_enabled)) or set(PROVIDER_NAMES)


def priority(name: str, provider_priorities: str) -> int:
    """A provider's place in `provider_priorities`; one past the end when it is not listed."""
    order = names_in(provider_priorities)
    return order.index(name) if name in order else len(order)
