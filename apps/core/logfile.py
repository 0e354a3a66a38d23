"""The server's log file: a size-rotated file in the data folder that /api/v1/logs reads.

The size and the number of rotated files come from the legacy rotation settings in
config_entries (`log_max_size_mb`, `log_backup_count`, as legacy PUT /logs/rotation saved them).
Django builds the handler while it configures logging, before the database may be opened, so the
handler starts with the legacy defaults and `apply_rotation_settings()` sets the stored values
when the server starts (legacy: "changes take effect on next application restart").
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

# The legacy format (backend/app.py LOG_FORMAT): GET /logs?level=X filters on "[X]".
LOG_FORMAT = "%(asctime)s [%(levelname)s] %(name)s: %(message)s"

MAX_SIZE_KEY = "log_max_size_mb"
BACKUP_COUNT_KEY = "log_backup_count"
DEFAULT_MAX_SIZE_MB = 10
DEFAULT_BACKUP_COUNT = 5
# What legacy PUT /logs/rotation accepted.
MAX_SIZE_RANGE = (1, 100)
BACKUP_COUNT_RANGE = (1, 20)
MB = 1024 * 1024


class SharedRotatingFileHandler(RotatingFileHandler):
    """Rotates by size, and reopens the file when another process rotated it away.

    The server and its workers log to the same file. A plain RotatingFileHandler keeps writing
    into the renamed file after another process rotated; checking the inode before each record
    (as WatchedFileHandler does) makes every process follow to the new file.
    """

    def __init__(
        self,
        filename: str | os.PathLike[str],
        max_size_mb: int = DEFAULT_MAX_SIZE_MB,
        backup_count: int = DEFAULT_BACKUP_COUNT,
    ) -> None:
        path = Path(filename)
        path.parent.mkdir(parents=True, exist_ok=True)
        # delay: a management command that logs nothing creates no file.
        super().__init__(
            path, maxBytes=max_size_mb * MB, backupCount=backup_count, encoding="utf-8", delay=True
        )

    def _rotated_away(self, stream: TextIO) -> bool:
        try:
            on_disk = os.stat(self.baseFilename)
        except FileNotFoundError:
            return True
        opened = os.fstat(stream.fileno())
        return (on_disk.st_dev, on_disk.st_ino) != (opened.st_dev, opened.st_ino)

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is not None:
            try:
                if self._rotated_away(self.stream):
                    self.stream.close()
                    self.stream = None  # reopened by emit
            except OSError:
                pass
        super().emit(record)

    def configure(self, max_size_mb: int, backup_count: int) -> None:
        self.maxBytes = max_size_mb * MB
        self.backupCount = backup_count


def file_handlers() -> list[SharedRotatingFileHandler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, SharedRotatingFileHandler)]


def log_file() -> Path:
    from django.conf import settings

    return Path(settings.LOG_FILE)


def _stored_int(raw: str | None, default: int, bounds: tuple[int, int]) -> int:
    # Legacy read `int(get_config_entry(key) or default)`; a value outside what its PUT accepted
    # (edited by hand) falls back to the default instead of breaking start-up.
    try:
        value = int(raw) if raw else default
    except ValueError:
        return default
    return value if bounds[0] <= value <= bounds[1] else default


def rotation_settings() -> tuple[int, int]:
    """(max size in MB, rotated files kept) from config_entries, by their legacy key names.

    A small function of its own so it can read the typed settings registry once there is one.
    """
    from apps.core.models import ConfigEntry

    stored = dict(
        ConfigEntry.objects.filter(key__in=[MAX_SIZE_KEY, BACKUP_COUNT_KEY]).values_list("key", "value")
    )
    return (
        _stored_int(stored.get(MAX_SIZE_KEY), DEFAULT_MAX_SIZE_MB, MAX_SIZE_RANGE),
        _stored_int(stored.get(BACKUP_COUNT_KEY), DEFAULT_BACKUP_COUNT, BACKUP_COUNT_RANGE),
    )


def apply_rotation_settings() -> tuple[int, int]:
    """Give the log file handlers the stored rotation settings; the values applied."""
    size, count = rotation_settings()
    for handler in file_handlers():
        handler.configure(size, count)
    return size, count
