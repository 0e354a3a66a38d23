"""/api/v1 translation backend statistics: GET /backends/stats (legacy contract).

The other /backends routes (list, test, config) talk to the translation backends themselves and
are not served from the tables.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.translation.models import TranslationBackendStats
from sublarr.api.legacy import LegacyAPIView
from sublarr.db.rows import row_dicts

BackendStats = inline_serializer(
    "LegacyBackendStats",
    {
        "backend_name": serializers.CharField(),
        "total_requests": serializers.IntegerField(allow_null=True),
        "successful_translations": serializers.IntegerField(allow_null=True),
        "failed_translations": serializers.IntegerField(allow_null=True),
        "total_characters": serializers.IntegerField(allow_null=True),
        "avg_response_time_ms": serializers.FloatField(allow_null=True),
        "last_response_time_ms": serializers.FloatField(allow_null=True),
        "last_success_at": serializers.CharField(allow_null=True),
        "last_failure_at": serializers.CharField(allow_null=True),
        "last_error": serializers.CharField(allow_null=True),
        "consecutive_failures": serializers.IntegerField(allow_null=True),
        "updated_at": serializers.CharField(),
    },
)


class BackendStatsView(LegacyAPIView):
    @extend_schema(
        summary="Translation statistics of every backend",
        responses={
            200: inline_serializer(
                "LegacyBackendStatsList", {"stats": serializers.ListField(child=BackendStats)}
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response({"stats": row_dicts(TranslationBackendStats.objects.order_by("backend_name"))})


urlpatterns = [re_path(r"^backends/stats/?$", BackendStatsView.as_view(), name="v1-backend-stats")]
