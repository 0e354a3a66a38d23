"""/backup/full, /backup/full/list, /backup/full/download/<file>, /backup/full/restore (legacy).

The ZIP format and its safety live in apps/core/dbtools/full_backup.py; a download never serves
a path outside the backup folder.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.dbtools.backup import BackupError
from apps.core.dbtools.full_backup import (
    backup_file,
    create_full_backup,
    list_full_backups,
    restore_full_backup,
)
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer

FullBackupSerializer = inline_serializer(
    "V1FullBackup",
    {
        "filename": serializers.CharField(),
        "size_bytes": serializers.IntegerField(),
        "created_at": serializers.CharField(),
        "contents": serializers.ListField(child=serializers.CharField()),
    },
)
FullBackupListSerializer = inline_serializer(
    "V1FullBackups",
    {
        "backups": inline_serializer(
            "V1FullBackupEntry",
            {
                "filename": serializers.CharField(),
                "size_bytes": serializers.IntegerField(),
                "created_at": serializers.CharField(),
            },
            many=True,
        )
    },
)
RestoreRequest = inline_serializer("V1FullBackupUpload", {"file": serializers.FileField()})
RestoredSerializer = inline_serializer(
    "V1FullBackupRestored",
    {
        "status": serializers.CharField(),
        "config_imported": serializers.ListField(child=serializers.CharField()),
        "db_restored": serializers.BooleanField(),
    },
)


class FullBackupView(LegacyAPIView):
    @extend_schema(
        summary="Create full ZIP backup",
        request=None,
        responses={201: FullBackupSerializer, 500: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        try:
            made = create_full_backup()
        except BackupError as exc:
            raise LegacyError(str(exc), status.HTTP_500_INTERNAL_SERVER_ERROR) from None
        body = {
            "filename": made.path.name,
            "size_bytes": made.path.stat().st_size,
            "created_at": made.created_at.isoformat(),
            "contents": made.contents,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class FullBackupListView(LegacyAPIView):
    @extend_schema(summary="List full ZIP backups", responses={200: FullBackupListSerializer})
    def get(self, request: Request) -> Response:
        return Response({"backups": list_full_backups()})


class FullBackupDownloadView(LegacyAPIView):
    @extend_schema(
        summary="Download a ZIP backup",
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY),
            400: LegacyErrorSerializer,
            404: LegacyErrorSerializer,
        },
    )
    def get(self, request: Request, filename: str) -> Any:
        try:
            path = backup_file(filename)
        except BackupError as exc:
            raise LegacyError(str(exc)) from None
        except FileNotFoundError:
            raise LegacyError("Backup file not found", status.HTTP_404_NOT_FOUND) from None
        return FileResponse(
            path.open("rb"), as_attachment=True, filename=path.name, content_type="application/zip"
        )


class FullBackupRestoreView(LegacyAPIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="Restore from full ZIP backup",
        request={"multipart/form-data": RestoreRequest},
        responses={200: RestoredSerializer, 400: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise LegacyError("No file uploaded. Use multipart/form-data with key 'file'")
        try:
            restored = restore_full_backup(upload)
        except BackupError as exc:
            raise LegacyError(str(exc)) from None
        return Response(
            {
                "status": "restored",
                "config_imported": restored.config_imported,
                "db_restored": restored.db_restored,
            }
        )
