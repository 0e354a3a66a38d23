"""/api/v2 resources of the core tables: jobs, the wanted list, language profiles, blacklist, ..."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db.models import Count
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core import wanted
from apps.core.filters import BlacklistFilter, JobFilter, UpgradeHistoryFilter, WantedFilter
from apps.core.models import (
    BlacklistEntry,
    ConfigEntry,
    DailyStats,
    FfprobeCache,
    Job,
    LanguageProfile,
    MovieLanguageProfile,
    SeriesLanguageProfile,
    UpgradeHistory,
    WantedItem,
)
from apps.core.serializers import (
    BlacklistEntrySerializer,
    ConfigEntrySerializer,
    DailyStatsSerializer,
    FfprobeCacheSerializer,
    JobSerializer,
    LanguageProfileSerializer,
    MovieLanguageProfileSerializer,
    ProfileAssignmentSerializer,
    SeriesLanguageProfileSerializer,
    UpgradeHistorySerializer,
    WantedItemSerializer,
)
from sublarr.api.views import ClearMixin
from sublarr.api.viewsets import (
    DEFAULT_ID,
    TEXT_ID,
    DeletableReadOnlyTableViewSet,
    ReadOnlyTableViewSet,
    TableGenericViewSet,
    TableViewSet,
)

STATS_DAYS = 30

JobStatsSerializer = inline_serializer(
    "JobStats",
    {
        "total_jobs": serializers.IntegerField(),
        "by_status": serializers.DictField(child=serializers.IntegerField()),
        "daily_stats": DailyStatsSerializer(many=True),
        "translated": serializers.IntegerField(),
        "failed": serializers.IntegerField(),
        "skipped": serializers.IntegerField(),
    },
)


class JobViewSet(DeletableReadOnlyTableViewSet):
    """Translation jobs: written by the pipeline, so read-only here except for deleting one."""

    queryset = Job.objects.all()
    serializer_class = JobSerializer
    filterset_class = JobFilter
    ordering_fields = ["created_at", "completed_at", "status", "file_path"]
    ordering = ["-created_at", "-id"]
    lookup_value_regex = DEFAULT_ID

    @extend_schema(responses={200: JobStatsSerializer})
    @action(detail=False)
    def stats(self, request: Request) -> Response:
        """Job counts by status and the daily statistics of the last 30 days (legacy /stats)."""
        by_status = dict(Job.objects.order_by().values_list("status").annotate(n=Count("id")))
        since = (datetime.now(UTC) - timedelta(days=STATS_DAYS - 1)).date().isoformat()
        days = list(DailyStats.objects.filter(date__gte=since).order_by("date"))
        return Response(
            {
                "total_jobs": sum(by_status.values()),
                "by_status": by_status,
                "daily_stats": DailyStatsSerializer(days, many=True).data,
                "translated": sum(day.translated or 0 for day in days),
                "failed": sum(day.failed or 0 for day in days),
                "skipped": sum(day.skipped or 0 for day in days),
            }
        )


class DailyStatsViewSet(ClearMixin, ReadOnlyTableViewSet):
    queryset = DailyStats.objects.all()
    serializer_class = DailyStatsSerializer
    ordering_fields = ["date"]
    ordering = ["-date"]
    lookup_value_regex = r"\d{4}-\d{2}-\d{2}"


class ConfigEntryViewSet(TableViewSet):
    """Configuration entries; values of credential keys are write-only (shown as ***)."""

    queryset = ConfigEntry.objects.all()
    serializer_class = ConfigEntrySerializer
    ordering_fields = ["key", "updated_at"]
    ordering = ["key"]
    lookup_value_regex = TEXT_ID


WantedSummarySerializer = inline_serializer(
    "WantedSummary",
    {
        "total": serializers.IntegerField(),
        "by_status": serializers.DictField(child=serializers.IntegerField()),
        "by_type": serializers.DictField(child=serializers.IntegerField()),
        "by_subtitle_type": serializers.DictField(child=serializers.IntegerField()),
        "by_existing": serializers.DictField(child=serializers.IntegerField()),
        "upgradeable": serializers.IntegerField(),
    },
)
BulkRequestSerializer = inline_serializer("WantedBulkUpsert", {"items": WantedItemSerializer(many=True)})
BulkResultSerializer = inline_serializer(
    "WantedBulkResult",
    {
        "inserted": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "kept_ignored": serializers.IntegerField(),
    },
)


class WantedItemViewSet(TableViewSet):
    """The wanted list: items a person adds, re-labels (status), deletes; scanners bulk-upsert."""

    queryset = WantedItem.objects.all()
    serializer_class = WantedItemSerializer
    filterset_class = WantedFilter
    ordering_fields = ["added_at", "updated_at", "title", "last_search_at", "current_score", "search_count"]
    # id breaks ties between rows added in the same instant, so pages never overlap.
    ordering = ["-added_at", "-id"]

    @extend_schema(responses={200: WantedSummarySerializer})
    @action(detail=False)
    def summary(self, request: Request) -> Response:
        return Response(wanted.summary())

    @extend_schema(request=BulkRequestSerializer, responses={200: BulkResultSerializer})
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        """Insert or update many items at once (matched on file_path + target_language + subtitle_type).

        A matched item's status goes back to 'wanted', except 'ignored', which stays.
        """
        payload = request.data
        raw_items = payload.get("items") if isinstance(payload, dict) else None
        try:
            items = wanted.clean_items(raw_items)
        except wanted.BulkValidationError as exc:
            raise ValidationError(exc.errors) from None
        result = wanted.bulk_upsert(items)
        return Response(
            {"inserted": result.inserted, "updated": result.updated, "kept_ignored": result.kept_ignored}
        )


class UpgradeHistoryViewSet(ReadOnlyTableViewSet):
    queryset = UpgradeHistory.objects.all()
    serializer_class = UpgradeHistorySerializer
    filterset_class = UpgradeHistoryFilter
    ordering_fields = ["upgraded_at", "file_path"]
    ordering = ["-upgraded_at", "-id"]


class LanguageProfileViewSet(TableViewSet):
    queryset = LanguageProfile.objects.all()
    serializer_class = LanguageProfileSerializer
    filterset_fields = ["name", "is_default", "source_language"]
    ordering_fields = ["name", "created_at"]
    ordering = ["-is_default", "name"]

    # One default profile (LanguageProfile.save refuses a second one, answered as a 400).
    @extend_schema(request=None, responses={200: LanguageProfileSerializer})
    @action(detail=True, methods=["post"], url_path="make-default")
    def make_default(self, request: Request, pk: str) -> Response:
        """Make this profile the default one; the previous default stops being it."""
        profile = self.get_object()
        LanguageProfile.objects.make_default(profile)
        return Response(self.get_serializer(profile).data)

    @extend_schema(request=ProfileAssignmentSerializer, responses={200: ProfileAssignmentSerializer})
    # No OPTIONS metadata: DRF's would look up an object for PUT on this list-level route (a 500).
    @action(detail=False, methods=["post", "put"], metadata_class=None)
    def assign(self, request: Request) -> Response:
        """Assign a profile to a Sonarr series or a Radarr movie (legacy /language-profiles/assign)."""
        assignment = ProfileAssignmentSerializer(data=request.data)
        assignment.is_valid(raise_exception=True)
        data = assignment.validated_data
        model = SeriesLanguageProfile if data["type"] == "series" else MovieLanguageProfile
        key = "sonarr_series_id" if data["type"] == "series" else "radarr_movie_id"
        model.objects.update_or_create(**{key: data["arr_id"]}, defaults={"profile": data["profile_id"]})
        return Response(assignment.data)


class SeriesLanguageProfileViewSet(TableViewSet):
    queryset = SeriesLanguageProfile.objects.all()
    serializer_class = SeriesLanguageProfileSerializer
    filterset_fields = ["profile"]
    ordering_fields = ["sonarr_series_id"]
    ordering = ["sonarr_series_id"]


class MovieLanguageProfileViewSet(TableViewSet):
    queryset = MovieLanguageProfile.objects.all()
    serializer_class = MovieLanguageProfileSerializer
    filterset_fields = ["profile"]
    ordering_fields = ["radarr_movie_id"]
    ordering = ["radarr_movie_id"]


class FfprobeCacheViewSet(ClearMixin, mixins.ListModelMixin, TableGenericViewSet):
    """The ffprobe cache is keyed by file path, so it is listed and cleared, not addressed by key."""

    queryset = FfprobeCache.objects.all()
    serializer_class = FfprobeCacheSerializer
    filterset_fields = ["file_path"]
    ordering_fields = ["file_path", "cached_at", "mtime"]
    ordering = ["file_path"]


BlacklistCheckSerializer = inline_serializer("BlacklistCheck", {"blacklisted": serializers.BooleanField()})


class BlacklistViewSet(ClearMixin, TableViewSet):
    queryset = BlacklistEntry.objects.all()
    serializer_class = BlacklistEntrySerializer
    filterset_class = BlacklistFilter
    ordering_fields = ["added_at", "provider_name"]
    ordering = ["-added_at", "-id"]

    @extend_schema(
        parameters=[
            OpenApiParameter("provider_name", str, required=True),
            OpenApiParameter("subtitle_id", str, required=True),
        ],
        responses={200: BlacklistCheckSerializer},
    )
    @action(detail=False)
    def check(self, request: Request) -> Response:
        """Whether a provider's subtitle is blacklisted (legacy is_blacklisted)."""
        params = request.query_params
        required = ("provider_name", "subtitle_id")
        missing = {name: ["This parameter is required."] for name in required if not params.get(name)}
        if missing:
            raise ValidationError(missing)
        found = BlacklistEntry.objects.filter(
            provider_name=params["provider_name"], subtitle_id=params["subtitle_id"]
        ).exists()
        return Response({"blacklisted": found})
