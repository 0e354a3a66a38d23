"""/api/v1/standalone: watched folders, series and movies found in them (legacy contract).

Legacy routes/standalone.py and db/standalone.py: stored rows, each series and movie with its
count of wanted items, a series with its wanted items as stored rows. Deleting a series or movie
deletes its wanted items too (the models' querysets do it). Scanning, metadata refresh and the
watcher status need the scanner/watcher running and are not served from the tables.
"""

from __future__ import annotations

import os
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.models import WantedItem
from apps.standalone.models import StandaloneMovie, StandaloneSeries, WatchedFolder
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, find_or_404, json_object
from sublarr.db.fields import now_iso
from sublarr.db.rows import row_dict, row_dicts

MEDIA_TYPES = [choice.value for choice in WatchedFolder.MediaType]
MEDIA_TYPE_ERROR = "media_type must be one of: auto, tv, movie"
IN_LIST_LIMIT = 500

Success = inline_serializer("StandaloneSuccess", {"success": serializers.BooleanField()})
Folder = inline_serializer(
    "LegacyWatchedFolder",
    {
        "id": serializers.IntegerField(),
        "path": serializers.CharField(),
        "label": serializers.CharField(allow_null=True),
        "media_type": serializers.CharField(allow_null=True),
        "enabled": serializers.IntegerField(allow_null=True),
        "last_scan_at": serializers.CharField(allow_null=True),
        "created_at": serializers.CharField(),
        "updated_at": serializers.CharField(),
    },
)
FolderBody = inline_serializer(
    "LegacyWatchedFolderBody",
    {
        "path": serializers.CharField(),
        "label": serializers.CharField(required=False),
        "media_type": serializers.ChoiceField(MEDIA_TYPES, required=False),
        "enabled": serializers.BooleanField(required=False),
    },
)
_series_fields: dict[str, serializers.Field] = {
    "id": serializers.IntegerField(),
    "title": serializers.CharField(),
    "year": serializers.IntegerField(allow_null=True),
    "folder_path": serializers.CharField(),
    "tmdb_id": serializers.IntegerField(allow_null=True),
    "tvdb_id": serializers.IntegerField(allow_null=True),
    "anilist_id": serializers.IntegerField(allow_null=True),
    "imdb_id": serializers.CharField(allow_null=True),
    "poster_url": serializers.CharField(allow_null=True),
    "is_anime": serializers.IntegerField(allow_null=True),
    "episode_count": serializers.IntegerField(allow_null=True),
    "season_count": serializers.IntegerField(allow_null=True),
    "metadata_source": serializers.CharField(allow_null=True),
    "created_at": serializers.CharField(),
    "updated_at": serializers.CharField(),
}
Series = inline_serializer(
    "LegacyStandaloneSeries", {**_series_fields, "wanted_count": serializers.IntegerField()}
)
SeriesDetail = inline_serializer(
    "LegacyStandaloneSeriesDetail",
    {
        **_series_fields,
        # Stored wanted_items rows: missing_languages is the JSON text, flags are 0/1.
        "wanted_items": serializers.ListField(child=serializers.DictField()),
    },
)
Movie = inline_serializer(
    "LegacyStandaloneMovie",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "year": serializers.IntegerField(allow_null=True),
        "file_path": serializers.CharField(),
        "tmdb_id": serializers.IntegerField(allow_null=True),
        "imdb_id": serializers.CharField(allow_null=True),
        "poster_url": serializers.CharField(allow_null=True),
        "metadata_source": serializers.CharField(allow_null=True),
        "created_at": serializers.CharField(),
        "updated_at": serializers.CharField(),
        "wanted_count": serializers.IntegerField(),
    },
)


def with_wanted_counts(queryset: Any, column: str) -> list[dict[str, Any]]:
    """Rows with `wanted_count`: their wanted items in status 'wanted', counted in one query."""
    rows = row_dicts(queryset)
    wanted = WantedItem.objects.order_by().filter(status=WantedItem.Status.WANTED)
    if len(rows) <= IN_LIST_LIMIT:
        wanted = wanted.filter(**{f"{column}__in": [row["id"] for row in rows]})
    else:  # a long IN list costs more than one grouped pass over the wanted rows
        wanted = wanted.filter(**{f"{column}__isnull": False})
    counts = dict(wanted.values_list(column).annotate(n=Count("id")))
    for row in rows:
        row["wanted_count"] = counts.get(row["id"], 0)
    return rows


def _text(data: dict[str, Any], key: str, default: Any) -> Any:
    value = data.get(key, default)
    if value is not None and not isinstance(value, str):
        raise LegacyError(f"{key} must be a string")
    return value


class FolderListView(LegacyAPIView):
    @extend_schema(
        operation_id="standalone_folders_list",
        summary="Watched folders",
        responses={200: type(Folder)(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(row_dicts(WatchedFolder.objects.order_by("path", "id")))

    @extend_schema(
        summary="Watch a folder", request=FolderBody, responses={201: Folder, 400: LegacyErrorSerializer}
    )
    def post(self, request: Request) -> Response:
        data = json_object(request, silent=True)
        path = data.get("path", "")
        path = path.strip() if isinstance(path, str) else ""
        if not path:
            raise LegacyError("path is required")
        if not os.path.isdir(path):
            raise LegacyError(f"Directory does not exist: {path}")
        label = _text(data, "label", "")
        media_type = data.get("media_type", "auto")
        if media_type not in MEDIA_TYPES:
            raise LegacyError(MEDIA_TYPE_ERROR)
        # Legacy upserted by path: adding a watched path again updates it and enables it.
        now = now_iso()
        with transaction.atomic():
            folder, created = WatchedFolder.objects.get_or_create(
                path=path,
                defaults={
                    "label": label,
                    "media_type": media_type,
                    "enabled": True,
                    "created_at": now,
                    "updated_at": now,
                },
            )
            if not created:
                WatchedFolder.objects.filter(pk=folder.pk).update(
                    label=label, media_type=media_type, enabled=True, updated_at=now
                )
        return Response(row_dict(folder), status=status.HTTP_201_CREATED)


class FolderDetailView(LegacyAPIView):
    @extend_schema(
        summary="Change a watched folder",
        request=FolderBody,
        responses={200: Folder, 400: LegacyErrorSerializer, 404: LegacyErrorSerializer},
    )
    def put(self, request: Request, folder_id: str) -> Response:
        folder = find_or_404(WatchedFolder.objects, folder_id, "Folder not found")
        data = json_object(request, silent=True)
        path = _text(data, "path", folder.path)
        path = (path or "").strip()
        label = _text(data, "label", folder.label)
        media_type = data.get("media_type", folder.media_type)
        enabled = data.get("enabled", bool(folder.enabled))
        if media_type not in MEDIA_TYPES:
            raise LegacyError(MEDIA_TYPE_ERROR)
        if path != folder.path and not os.path.isdir(path):
            raise LegacyError(f"Directory does not exist: {path}")
        if path != folder.path and WatchedFolder.objects.filter(path=path).exists():
            raise LegacyError(f"Another watched folder has the path {path}", status.HTTP_409_CONFLICT)
        # Changed in place; legacy's upsert-by-path added a second folder for a new path instead.
        WatchedFolder.objects.filter(pk=folder.pk).update(
            path=path, label=label, media_type=media_type, enabled=bool(enabled), updated_at=now_iso()
        )
        return Response(row_dict(folder))

    @extend_schema(
        summary="Stop watching a folder", request=None, responses={200: Success, 404: LegacyErrorSerializer}
    )
    def delete(self, request: Request, folder_id: str) -> Response:
        folder = find_or_404(WatchedFolder.objects, folder_id, "Folder not found")
        folder.delete()
        return Response({"success": True})


class SeriesListView(LegacyAPIView):
    @extend_schema(
        summary="Standalone series with their wanted counts",
        responses={200: type(Series)(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            with_wanted_counts(StandaloneSeries.objects.order_by("title", "id"), "standalone_series_id")
        )


class SeriesDetailView(LegacyAPIView):
    @extend_schema(
        summary="A standalone series with its wanted items",
        responses={200: SeriesDetail, 404: LegacyErrorSerializer},
    )
    def get(self, request: Request, series_id: str) -> Response:
        series = find_or_404(StandaloneSeries.objects, series_id, "Series not found")
        body = row_dict(series)
        wanted = WantedItem.objects.filter(standalone_series_id=series.pk).order_by("file_path", "id")
        body["wanted_items"] = row_dicts(wanted)
        return Response(body)

    @extend_schema(
        summary="Delete a standalone series and its wanted items",
        request=None,
        responses={200: Success, 404: LegacyErrorSerializer},
    )
    def delete(self, request: Request, series_id: str) -> Response:
        series = find_or_404(StandaloneSeries.objects, series_id, "Series not found")
        series.delete()
        return Response({"success": True})


class MovieListView(LegacyAPIView):
    @extend_schema(
        summary="Standalone movies with their wanted counts",
        responses={200: type(Movie)(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            with_wanted_counts(StandaloneMovie.objects.order_by("title", "id"), "standalone_movie_id")
        )


class MovieDetailView(LegacyAPIView):
    @extend_schema(
        summary="Delete a standalone movie and its wanted items",
        request=None,
        responses={200: Success, 404: LegacyErrorSerializer},
    )
    def delete(self, request: Request, movie_id: str) -> Response:
        movie = find_or_404(StandaloneMovie.objects, movie_id, "Movie not found")
        movie.delete()
        return Response({"success": True})


urlpatterns = [
    re_path(r"^standalone/folders/?$", FolderListView.as_view(), name="v1-standalone-folders"),
    re_path(
        r"^standalone/folders/(?P<folder_id>\d+)/?$", FolderDetailView.as_view(), name="v1-standalone-folder"
    ),
    re_path(r"^standalone/series/?$", SeriesListView.as_view(), name="v1-standalone-series-list"),
    re_path(
        r"^standalone/series/(?P<series_id>\d+)/?$", SeriesDetailView.as_view(), name="v1-standalone-series"
    ),
    re_path(r"^standalone/movies/?$", MovieListView.as_view(), name="v1-standalone-movies"),
    re_path(
        r"^standalone/movies/(?P<movie_id>\d+)/?$", MovieDetailView.as_view(), name="v1-standalone-movie"
    ),
]
