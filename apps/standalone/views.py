"""/api/v2 resources of standalone mode: watched folders, the media found in them, metadata."""

from __future__ import annotations

from apps.standalone.models import (
    AnidbMapping,
    MetadataCache,
    StandaloneMovie,
    StandaloneSeries,
    WatchedFolder,
)
from apps.standalone.serializers import (
    AnidbMappingSerializer,
    MetadataCacheSerializer,
    StandaloneMovieSerializer,
    StandaloneSeriesSerializer,
    WatchedFolderSerializer,
)
from sublarr.api.views import ClearMixin
from sublarr.api.viewsets import TEXT_ID, ReadOnlyTableViewSet, TableViewSet


class WatchedFolderViewSet(TableViewSet):
    queryset = WatchedFolder.objects.all()
    serializer_class = WatchedFolderSerializer
    filterset_fields = ["media_type", "enabled"]
    ordering_fields = ["path", "label", "last_scan_at"]
    ordering = ["path"]


class StandaloneSeriesViewSet(TableViewSet):
    queryset = StandaloneSeries.objects.all()
    serializer_class = StandaloneSeriesSerializer
    filterset_fields = ["tmdb_id", "tvdb_id", "anilist_id", "is_anime", "year"]
    ordering_fields = ["title", "year", "created_at"]
    ordering = ["title", "id"]


class StandaloneMovieViewSet(TableViewSet):
    queryset = StandaloneMovie.objects.all()
    serializer_class = StandaloneMovieSerializer
    filterset_fields = ["tmdb_id", "year"]
    ordering_fields = ["title", "year", "created_at"]
    ordering = ["title", "id"]


class MetadataCacheViewSet(ClearMixin, ReadOnlyTableViewSet):
    queryset = MetadataCache.objects.all()
    serializer_class = MetadataCacheSerializer
    filterset_fields = ["provider"]
    ordering_fields = ["cache_key", "cached_at", "expires_at"]
    ordering = ["cache_key"]
    lookup_value_regex = TEXT_ID


class AnidbMappingViewSet(TableViewSet):
    queryset = AnidbMapping.objects.all()
    serializer_class = AnidbMappingSerializer
    filterset_fields = ["anidb_id"]
    ordering_fields = ["tvdb_id", "anidb_id"]
    ordering = ["tvdb_id"]
