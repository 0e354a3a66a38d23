"""/database/health, /database/backup(s), /database/restore and /database/vacuum (legacy contract).

Backups are the archives of apps/core/dbtools/backup.py (manage.py backup_database), so a
restore here has restore_database's safety: the archive is checked (damaged, newer schema,
other database kind: refused with nothing changed) and the current database is backed up first.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core import health
from apps.core.dbtools import backup
from apps.core.dbtools.backup import BackupError
from apps.core.dbtools.full_backup import backup_file
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer

DatabaseHealthSerializer = inline_serializer(
    "V1DatabaseHealth",
    {
        "healthy": serializers.BooleanField(),
        "message": serializers.CharField(),
        "stats": serializers.DictField(),
    },
)
BackupSerializer = inline_serializer(
    "V1DatabaseBackup",
    {
        "path": serializers.CharField(),
        "filename": serializers.CharField(),
        "size_bytes": serializers.IntegerField(),
        "verified": serializers.BooleanField(),
        "timestamp": serializers.CharField(),
        "label": serializers.CharField(),
    },
)
BackupRequest = inline_serializer(
    "V1DatabaseBackupRequest",
    {"label": serializers.ChoiceField(choices=["daily", "weekly", "monthly"], required=False)},
)
BackupListSerializer = inline_serializer(
    "V1DatabaseBackups",
    {
        "backups": inline_serializer(
            "V1DatabaseBackupEntry",
            {
                "filename": serializers.CharField(),
                "path": serializers.CharField(),
                "label": serializers.CharField(),
                "timestamp": serializers.CharField(),
                "size_bytes": serializers.IntegerField(),
            },
            many=True,
        )
    },
)
RestoreRequest = inline_serializer(
    "V1DatabaseRestoreRequest", {"filename": serializers.CharField(), "confirm": serializers.BooleanField()}
)
RestoreSerializer = inline_serializer(
    "V1DatabaseRestored",
    {"restored_from": serializers.CharField(), "safety_backup": serializers.CharField(allow_null=True)},
)
VacuumSerializer = inline_serializer(
    "V1DatabaseVacuum",
    {
        "before_bytes": serializers.IntegerField(),
        "after_bytes": serializers.IntegerField(),
        "saved_bytes": serializers.IntegerField(),
    },
)

LABELS = ("daily", "weekly", "monthly")
ARCHIVE = re.compile(
    rf"^(?P<kind>{re.escape(backup.PREFIX)}|{re.escape(backup.SAFETY_PREFIX)})"
    r"(?P<date>\d{8})T(?P<time>\d{6})_\d+Z-\w+\.tar\.gz$"
)


def _timestamp(path: Path) -> str:
    """The archive's time in the legacy timestamp form, YYYYMMDD_HHMMSS."""
    match = ARCHIVE.match(path.name)
    return f"{match['date']}_{match['time']}" if match else ""


class DatabaseHealthView(LegacyAPIView):
    @extend_schema(
        summary="Database health check",
        responses={200: DatabaseHealthSerializer, 503: DatabaseHealthSerializer},
    )
    def get(self, request: Request) -> Response:
        ok, message = health.integrity()
        stats = health.database_stats() if ok else {}
        code = status.HTTP_200_OK if ok else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response({"healthy": ok, "message": message, "stats": stats}, status=code)


class DatabaseBackupView(LegacyAPIView):
    # The body is optional: a bare POST (any content type) makes a "daily" backup.
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        summary="Create database backup",
        request=BackupRequest,
        responses={201: BackupSerializer, 400: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        # Legacy took any other label as "daily"; the archives keep one retention (SUBLARR_BACKUP_KEEP).
        label = data.get("label") if data.get("label") in LABELS else "daily"
        try:
            archive = backup.create_backup()
            backup.prune_backups()
        except BackupError as exc:
            raise LegacyError(str(exc), status.HTTP_500_INTERNAL_SERVER_ERROR) from None
        body = {
            "path": str(archive),
            "filename": archive.name,
            "size_bytes": archive.stat().st_size,
            # The manifest's digests were read back from the copy inside the archive.
            "verified": True,
            "timestamp": _timestamp(archive),
            "label": label,
        }
        return Response(body, status=status.HTTP_201_CREATED)


def list_archives() -> list[dict[str, object]]:
    folder = backup.backup_dir()
    if not folder.is_dir():
        return []
    entries: list[dict[str, object]] = []
    for path in sorted(folder.glob("*.tar.gz"), key=lambda p: _timestamp(p), reverse=True):
        match = ARCHIVE.match(path.name)
        if not match or not path.is_file():
            continue
        entries.append(
            {
                "filename": path.name,
                "path": str(path),
                "label": "backup" if match["kind"] == backup.PREFIX else "before-restore",
                "timestamp": _timestamp(path),
                "size_bytes": path.stat().st_size,
            }
        )
    return entries


class DatabaseBackupsView(LegacyAPIView):
    @extend_schema(summary="List database backups", responses={200: BackupListSerializer})
    def get(self, request: Request) -> Response:
        return Response({"backups": list_archives()})


class DatabaseRestoreView(LegacyAPIView):
    @extend_schema(
        summary="Restore database from backup",
        request=RestoreRequest,
        responses={200: RestoreSerializer, 400: LegacyErrorSerializer, 404: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        filename = data.get("filename") or ""
        if not filename:
            raise LegacyError("filename is required")
        if not data.get("confirm"):
            raise LegacyError("Add confirm: true to proceed")
        if not isinstance(filename, str):
            raise LegacyError("Invalid filename")
        try:
            path = backup_file(filename, suffix=".tar.gz")
            restored = backup.restore_backup(path)
        except FileNotFoundError:
            raise LegacyError("Backup file not found", status.HTTP_404_NOT_FOUND) from None
        except BackupError as exc:
            raise LegacyError(str(exc)) from None
        safety = str(restored.safety_backup) if restored.safety_backup else None
        return Response({"restored_from": str(path), "safety_backup": safety})


class DatabaseVacuumView(LegacyAPIView):
    @extend_schema(
        summary="Vacuum database", request=None, responses={200: VacuumSerializer, 409: LegacyErrorSerializer}
    )
    def post(self, request: Request) -> Response:
        # Neither database can VACUUM inside a transaction (ATOMIC_REQUESTS, or a caller's atomic
        # block): refused instead of failing half-way as a server error.
        if connection.in_atomic_block:
            raise LegacyError("VACUUM cannot run inside a transaction", status.HTTP_409_CONFLICT)
        return Response(health.vacuum())
