"""Full backups as the legacy Settings page makes them: one ZIP with the manifest, config and database.

A full backup (sublarr_full_<YYYYMMDD_HHMMSS>.zip in the backup folder, the legacy name) holds
the legacy manifest.json (version, created_at, schema_version 1, contents), config.json (the
config_entries without secrets) and the database as a backup archive of apps/core/dbtools/backup.py,
so restoring one goes through the same checks as restore_database: a damaged archive, one from a
newer schema or another database kind is refused before anything changes, and the database as
it was is backed up first.
"""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from apps.core.dbtools import backup
from apps.core.dbtools.backup import BackupError

SCHEMA_VERSION = 1
DATABASE_MEMBER = "database.tar.gz"
NAME = re.compile(r"^sublarr_full_(\d{8}_\d{6})(?:_\d+)?\.zip$")
# Keys whose values are secrets: never written into config.json, never imported from one (legacy
# skipped the same keys and values masked as "***configured***").
SECRET_MARKERS = ("api_key", "password", "secret", "token", "tvdb_pin")
MASKED = "***configured***"


def is_secret(key: str) -> bool:
    return any(marker in key.lower() for marker in SECRET_MARKERS)


def safe_config() -> dict[str, str]:
    from apps.core.models import ConfigEntry

    return {
        key: value for key, value in ConfigEntry.objects.values_list("key", "value") if not is_secret(key)
    }


@dataclass(frozen=True)
class FullBackup:
    path: Path
    created_at: datetime
    contents: list[str]


def _free_name(folder: Path, now: datetime) -> Path:
    stem = f"sublarr_full_{now:%Y%m%d_%H%M%S}"
    path, n = folder / f"{stem}.zip", 1
    while path.exists():  # two backups in one second keep both (legacy overwrote the first)
        path, n = folder / f"{stem}_{n}.zip", n + 1
    return path


def create_full_backup(folder: Path | None = None) -> FullBackup:
    folder = folder or backup.backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    contents = ["manifest.json", "config.json", DATABASE_MEMBER]
    manifest = {
        "version": backup.sublarr_version(),
        "created_at": now.isoformat(),
        "schema_version": SCHEMA_VERSION,
        "contents": contents,
    }
    with tempfile.TemporaryDirectory(dir=folder, prefix=".full-") as work:
        archive = backup.create_backup(folder=Path(work))
        partial = Path(work) / "full.partial"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, indent=2))
            zf.writestr("config.json", json.dumps(safe_config(), indent=2))
            # The archive is gzip already; deflating it again only costs time.
            zf.write(archive, DATABASE_MEMBER, compress_type=zipfile.ZIP_STORED)
        path = _free_name(folder, now)
        partial.replace(path)  # never a half-written ZIP under a real name
    return FullBackup(path, now, contents)


def list_full_backups(folder: Path | None = None) -> list[dict[str, Any]]:
    """The ZIPs in the backup folder, newest name first (legacy: every *.zip, its parsed time)."""
    folder = folder or backup.backup_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.zip"), key=lambda p: p.name, reverse=True):
        if not path.is_file():
            continue
        created_at = ""
        if match := NAME.match(path.name):
            created_at = datetime.strptime(match[1], "%Y%m%d_%H%M%S").replace(tzinfo=UTC).isoformat()
        found.append({"filename": path.name, "size_bytes": path.stat().st_size, "created_at": created_at})
    return found


def backup_file(filename: str, folder: Path | None = None, suffix: str = ".zip") -> Path:
    """The file `filename` names directly in the backup folder; BackupError for any other path.

    A name with a separator or '..' is refused outright, and the resolved path must still be
    inside the folder, so a symbolic link placed there cannot lead out of it either.
    """
    folder = (folder or backup.backup_dir()).resolve()
    if (
        not filename.endswith(suffix)
        or "/" in filename
        or "\\" in filename
        or ".." in filename
        or "\x00" in filename
    ):
        raise BackupError("Invalid filename")
    path = (folder / filename).resolve()
    if path.parent != folder:
        raise BackupError("Invalid filename")
    if not path.is_file():
        raise FileNotFoundError(filename)
    return path


@dataclass(frozen=True)
class Restored:
    config_imported: list[str]
    db_restored: bool
    safety_backup: Path | None


def _read_zip(upload: IO[bytes], work: Path) -> tuple[dict[str, Any], Path | None]:
    """The config to import and the extracted database archive; BackupError if anything is off."""
    if not zipfile.is_zipfile(upload):
        raise BackupError("Uploaded file is not a valid ZIP archive")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as zf:
            names = zf.namelist()
            if "manifest.json" not in names:
                raise BackupError("ZIP missing manifest.json")
            manifest = json.loads(zf.read("manifest.json"))
            if not isinstance(manifest, dict) or manifest.get("schema_version") != SCHEMA_VERSION:
                found = manifest.get("schema_version") if isinstance(manifest, dict) else None
                raise BackupError(f"Unsupported schema_version: {found}")
            config: dict[str, Any] = {}
            if "config.json" in names:
                config = json.loads(zf.read("config.json"))
                if not isinstance(config, dict):
                    raise BackupError("Invalid backup file: config.json is not an object")
            if "sublarr.db" in names and DATABASE_MEMBER not in names:
                raise BackupError(
                    "Invalid backup file: it holds a legacy sublarr.db; restore that file by pointing "
                    "Sublarr at it (SUBLARR_DB_PATH), which adopts it with a backup first"
                )
            archive = None
            if DATABASE_MEMBER in names:
                archive = work / DATABASE_MEMBER
                with zf.open(DATABASE_MEMBER) as src, archive.open("wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
    except BackupError:
        raise
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError, KeyError, OSError, EOFError) as exc:
        raise BackupError(f"Invalid backup file: {exc}") from None
    return config, archive


def _importable(config: dict[str, Any]) -> dict[str, str]:
    return {
        str(key): str(value)
        for key, value in config.items()
        if not is_secret(str(key)) and str(value) != MASKED and value is not None
    }


def restore_full_backup(upload: IO[bytes]) -> Restored:
    """Restore the database archive (checked, current database backed up first), then the config."""
    from apps.core.models import ConfigEntry

    with tempfile.TemporaryDirectory(prefix="sublarr-full-restore-") as work:
        config, archive = _read_zip(upload, Path(work))
        entries = _importable(config)
        restored = backup.restore_backup(archive) if archive is not None else None
    with transaction.atomic():
        for key, value in entries.items():
            ConfigEntry.objects.update_or_create(key=key, defaults={"value": value})
    return Restored(
        config_imported=list(entries),
        db_restored=restored is not None,
        safety_backup=restored.safety_backup if restored else None,
    )
