"""The API key: SUBLARR_API_KEY, or a key generated on first start and kept in the data folder.

The running server re-reads the key file when it changes, so `manage.py api_key --rotate`
takes effect without a restart.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings

from sublarr.env import PREFIX, stored_secret

KEY_VARIABLE = "API_KEY"
KEY_FILENAME = "api_key"

_cache: dict[str, tuple[int, str]] = {}


class KeyFromEnvironment(Exception):
    """The key is set by SUBLARR_API_KEY, so Sublarr cannot replace it."""


def key_path() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILENAME


def current_api_key() -> str:
    if settings.API_KEY:
        return settings.API_KEY
    path = key_path()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return stored_secret(KEY_VARIABLE, path.parent, path.name)
    cached = _cache.get(str(path))
    if cached and cached[0] == stamp:
        return cached[1]
    value = stored_secret(KEY_VARIABLE, path.parent, path.name)
    _cache[str(path)] = (stamp, value)
    return value


def rotate_api_key() -> str:
    """Write a new key (mode 0600) in place of the stored one, atomically, and return it."""
    if settings.API_KEY:
        raise KeyFromEnvironment(f"the key comes from {PREFIX}{KEY_VARIABLE}; change that variable instead")
    path = key_path()
    value = secrets.token_urlsafe(32)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    # os.replace is atomic: a request never reads a half-written key.
    os.replace(temporary, path)
    _cache.pop(str(path), None)
    return value
