"""The media server kinds Sublarr knows (Jellyfin/Emby, Plex, Kodi) and their settings fields.

The legacy registry (backend/mediaserver/*.py at b0151c5), in the order legacy registered them.
Instances of these kinds are the `media_servers_json` setting (apps.core.config.namespaces); no
media server is contacted here.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.core.kinds import ConfigField


@dataclass(frozen=True)
class MediaServerKind:
    name: str
    display_name: str
    config_fields: tuple[ConfigField, ...]


def _url(default: str, help: str) -> ConfigField:  # noqa: A002  (legacy's key name)
    return ConfigField("url", "Server URL", "text", True, default, help)


def _path_mapping() -> ConfigField:
    return ConfigField(
        "path_mapping",
        "Path Mapping",
        "text",
        False,
        "",
        "from_path:to_path for Docker volume mapping (e.g. /media:/data)",
    )


MEDIA_SERVER_KINDS: tuple[MediaServerKind, ...] = (
    MediaServerKind(
        "jellyfin",
        "Jellyfin / Emby",
        (
            _url("http://localhost:8096", "Jellyfin/Emby server URL (e.g. http://192.168.1.100:8096)"),
            ConfigField(
                "api_key",
                "API Key",
                "password",
                True,
                "",
                "API key from Jellyfin Dashboard > API Keys or Emby Server > API Keys",
            ),
            ConfigField(
                "server_type",
                "Server Type",
                "text",
                False,
                "jellyfin",
                "jellyfin or emby (both use the same API)",
            ),
            _path_mapping(),
        ),
    ),
    MediaServerKind(
        "plex",
        "Plex",
        (
            _url("http://localhost:32400", "Plex server URL (e.g. http://192.168.1.100:32400)"),
            ConfigField(
                "token",
                "X-Plex-Token",
                "password",
                True,
                "",
                "Find in Plex Settings > Troubleshooting > View XML > X-Plex-Token parameter",
            ),
            _path_mapping(),
        ),
    ),
    MediaServerKind(
        "kodi",
        "Kodi",
        (
            _url(
                "http://localhost:8080",
                "Kodi web interface URL (enable 'Allow remote control via HTTP' in Kodi settings)",
            ),
            ConfigField(
                "username",
                "Username",
                "text",
                False,
                "",
                "HTTP Basic Auth username (if enabled in Kodi web server settings)",
            ),
            ConfigField("password", "Password", "password", False, "", "HTTP Basic Auth password"),
            _path_mapping(),
        ),
    ),
)
