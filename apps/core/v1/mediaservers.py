"""/api/v1/mediaservers/types: the media server kinds and their settings fields (legacy contract).

Legacy routes/mediaservers.py `list_server_types` (MediaServerManager.get_all_server_types at
b0151c5): a bare JSON array, one entry per registered kind. The instances are
/mediaservers/instances (apps.core.v1.config); testing and health need the servers themselves.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.mediaservers import MEDIA_SERVER_KINDS
from apps.core.v1.kinds import CONFIG_FIELDS
from sublarr.api.legacy import LegacyAPIView

ServerType = inline_serializer(
    "LegacyMediaServerType",
    {
        "name": serializers.CharField(),
        "display_name": serializers.CharField(),
        "config_fields": CONFIG_FIELDS,
    },
)


class MediaServerTypesView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_mediaservers_types",
        summary="The media server kinds and their settings fields",
        responses={200: type(ServerType)(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "name": kind.name,
                    "display_name": kind.display_name,
                    "config_fields": [field.as_legacy() for field in kind.config_fields],
                }
                for kind in MEDIA_SERVER_KINDS
            ]
        )


urlpatterns = [
    re_path(r"^mediaservers/types/?$", MediaServerTypesView.as_view(), name="v1-mediaservers-types")
]
