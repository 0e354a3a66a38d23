"""/api/v1 blacklist: list, add, delete, clear, count (legacy contract).

Legacy routes: backend/routes/blacklist.py; SQL: backend/db/blacklist.py.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.models import BlacklistEntry
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, json_object, legacy_page

ENTRY: dict[str, serializers.Field] = {
    "id": serializers.IntegerField(),
    "provider_name": serializers.CharField(),
    "subtitle_id": serializers.CharField(),
    "language": serializers.CharField(allow_null=True),
    "file_path": serializers.CharField(allow_null=True),
    "title": serializers.CharField(allow_null=True),
    "reason": serializers.CharField(allow_null=True),
    "added_at": serializers.CharField(),
}
OPTIONAL_TEXT = ("language", "file_path", "title", "reason")


def _text(value: Any) -> Any:
    # Legacy bound what the JSON held into TEXT columns (SQLite stores a number as its text); a
    # list or object it could not bind (a 500). Text columns keep text here on both databases.
    if value is None or isinstance(value, str):
        return value
    return str(int(value)) if isinstance(value, bool) else str(value)


class BlacklistView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_blacklist_list",
        parameters=[
            OpenApiParameter("page", int, description="Page number (default 1)."),
            OpenApiParameter("per_page", int, description="Entries per page (default 50, at most 200)."),
        ],
        responses={
            200: inline_serializer(
                "V1BlacklistPage",
                {
                    "data": inline_serializer("V1BlacklistEntry", ENTRY, many=True),
                    "page": serializers.IntegerField(),
                    "per_page": serializers.IntegerField(),
                    "total": serializers.IntegerField(),
                    "total_pages": serializers.IntegerField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        page = legacy_page(request, BlacklistEntry.objects.all(), "added_at")
        return Response(page.envelope(page.rows))

    @extend_schema(
        operation_id="v1_blacklist_add",
        request=inline_serializer(
            "V1BlacklistAdd",
            {
                "provider_name": serializers.CharField(),
                "subtitle_id": serializers.CharField(),
                **{name: serializers.CharField(required=False) for name in OPTIONAL_TEXT},
            },
        ),
        responses={
            201: inline_serializer(
                "V1BlacklistAdded", {"status": serializers.CharField(), "id": serializers.IntegerField()}
            ),
            400: OpenApiResponse(
                LegacyErrorSerializer, description="provider_name and subtitle_id are required"
            ),
            415: OpenApiResponse(LegacyErrorSerializer, description="The body is not declared as JSON"),
        },
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        provider_name, subtitle_id = data.get("provider_name", ""), data.get("subtitle_id", "")
        if not provider_name or not subtitle_id:
            raise LegacyError("provider_name and subtitle_id are required")
        values = {name: _text(data.get(name, "")) for name in OPTIONAL_TEXT}
        try:
            with transaction.atomic():
                entry = BlacklistEntry.objects.create(
                    provider_name=_text(provider_name), subtitle_id=_text(subtitle_id), **values
                )
        except IntegrityError:
            # Legacy's INSERT OR IGNORE: an entry already there is kept as it was, and the id
            # answered is 0 (cursor.lastrowid of an ignored insert on a fresh connection).
            return Response({"status": "added", "id": 0}, status=status.HTTP_201_CREATED)
        return Response({"status": "added", "id": entry.id}, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="v1_blacklist_clear",
        parameters=[OpenApiParameter("confirm", str, description='Must be "true" (any case) to clear.')],
        responses={
            200: inline_serializer(
                "V1BlacklistCleared", {"status": serializers.CharField(), "count": serializers.IntegerField()}
            ),
            400: OpenApiResponse(LegacyErrorSerializer, description="Missing confirm=true"),
        },
    )
    def delete(self, request: Request) -> Response:
        if request.query_params.get("confirm", "").lower() != "true":
            raise LegacyError("Add ?confirm=true to clear all entries")
        count, _ = BlacklistEntry.objects.all().delete()
        return Response({"status": "cleared", "count": count})


class BlacklistEntryView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_blacklist_delete",
        responses={
            200: inline_serializer(
                "V1BlacklistDeleted", {"status": serializers.CharField(), "id": serializers.IntegerField()}
            ),
            404: OpenApiResponse(LegacyErrorSerializer, description="Entry not found"),
        },
    )
    def delete(self, request: Request, entry_id: str) -> Response:
        deleted, _ = BlacklistEntry.objects.filter(pk=int(entry_id)).delete()
        if not deleted:
            raise LegacyError("Entry not found", status.HTTP_404_NOT_FOUND)
        return Response({"status": "deleted", "id": int(entry_id)})


class BlacklistCountView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_blacklist_count",
        responses={200: inline_serializer("V1BlacklistCount", {"count": serializers.IntegerField()})},
    )
    def get(self, request: Request) -> Response:
        return Response({"count": BlacklistEntry.objects.count()})


urlpatterns = [
    re_path(r"^blacklist/?$", BlacklistView.as_view(), name="v1-blacklist"),
    re_path(r"^blacklist/count/?$", BlacklistCountView.as_view(), name="v1-blacklist-count"),
    re_path(r"^blacklist/(?P<entry_id>[0-9]+)/?$", BlacklistEntryView.as_view(), name="v1-blacklist-entry"),
]
