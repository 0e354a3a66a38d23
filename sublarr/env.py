"""Readers for SUBLARR_* environment variables that fail loudly, naming the variable, on a bad value."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PREFIX = "SUBLARR_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(PREFIX + name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{PREFIX}{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{PREFIX}{name}={raw!r} is not an integer") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{PREFIX}{name}={raw!r} is not a number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def writable(path: Path) -> bool:
    """Whether Sublarr may write `path`. Root may write anything, so for root a file or folder
    that nobody has write permission on counts as read-only: the user marked it so."""
    if not os.access(path, os.W_OK):
        return False
    return os.geteuid() != 0 or bool(path.stat().st_mode & 0o222)


def data_dir(name: str, default: str) -> Path:
    """The data folder, created if missing; start-up stops when it cannot be written."""
    path = Path(env_str(name, default)).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"{PREFIX}{name}: cannot create {path}: {exc.strerror}") from None
    if not writable(path) or not os.access(path, os.X_OK):
        raise ImproperlyConfigured(f"{PREFIX}{name}: the data folder {path} is not writable")
    return path


def stored_secret(name: str, folder: Path, filename: str) -> str:
    """The variable's value, or a secret generated once and kept in the data folder (mode 0600)."""
    if value := env_str(name):
        return value
    path = folder / filename
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting together keep one secret, never overwrite each other's.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value


def folder_with(name: str, filename: str) -> Path | None:
    """A folder that must hold `filename`, or None when the variable is unset or empty."""
    raw = env_str(name)
    if not raw:
        return None
    path = Path(raw).expanduser().resolve()
    if not path.is_dir():
        raise ImproperlyConfigured(f"{PREFIX}{name}: {path} is not a folder")
    if not (path / filename).is_file():
        raise ImproperlyConfigured(f"{PREFIX}{name}: {path} has no {filename}")
    return path
