"""/api/v1/standalone/status: whether standalone mode is on and what it watches (legacy contract).

Legacy routes/standalone.py `get_status` (StandaloneManager.get_status at b0151c5): the
`standalone_enabled` setting, the count of enabled watched folders, and the state of the folder
watcher and scanner. This server runs neither, so both read false.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.config import store
from apps.standalone.models import WatchedFolder
from sublarr.api.legacy import LegacyAPIView

Status = inline_serializer(
    "LegacyStandaloneStatus",
    {
        "enabled": serializers.BooleanField(),
        "watcher_running": serializers.BooleanField(),
        "folders_count": serializers.IntegerField(),
        "scanner_scanning": serializers.BooleanField(),
    },
)


class StandaloneStatusView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_standalone_status",
        summary="Standalone mode: enabled, watched folders, watcher and scanner state",
        responses={200: Status},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "enabled": store.current()["standalone_enabled"],
                "watcher_running": False,
                "folders_count": WatchedFolder.objects.filter(enabled=True).count(),
                "scanner_scanning": False,
            }
        )


urlpatterns = [re_path(r"^standalone/status/?$", StandaloneStatusView.as_view(), name="v1-standalone-status")]
