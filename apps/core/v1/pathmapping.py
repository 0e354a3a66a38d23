"""/api/v1/settings/path-mapping/test: where a Sonarr/Radarr path lands here (legacy routes/config.py).

The `path_mapping` setting applied to the path given (apps.core.arr.map_path), and whether the
mapped path exists on this machine (`os.path.exists`, the only filesystem access, as in legacy).
Legacy failed with a 500 on a JSON body that was not an object or a `remote_path` that was not a
string; those answer 400 here, as does a path with a lone surrogate (not encodable as UTF-8).
"""

from __future__ import annotations

import os

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core import arr
from apps.core.config import store
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, require_json


def _encodable(text: str) -> bool:
    # A JSON string may carry a lone surrogate (\ud800 in the JSON text): no file name, and the
    # UTF-8 answer could not echo it back (legacy's Flask escaped it; here it would be a 500).
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


class PathMappingTestView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_settings_path_mapping_test",
        summary="Map a Sonarr/Radarr path to the local one and say whether it exists",
        request=inline_serializer(
            "LegacyPathMappingTestRequest",
            {"remote_path": serializers.CharField(help_text="A path as Sonarr or Radarr reports it")},
        ),
        responses={
            200: inline_serializer(
                "LegacyPathMappingTestResult",
                {
                    "remote_path": serializers.CharField(),
                    "mapped_path": serializers.CharField(),
                    "exists": serializers.BooleanField(),
                },
            ),
            400: LegacyErrorSerializer,
            415: LegacyErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        require_json(request)
        # Legacy read `request.get_json() or {}`: an empty or null body is a missing remote_path.
        data = request.data or {}
        if not isinstance(data, dict):
            raise LegacyError("Request body must be a JSON object")
        remote_path = data.get("remote_path", "")
        if not isinstance(remote_path, str):
            raise LegacyError("remote_path must be a string")
        remote_path = remote_path.strip()
        if not remote_path:
            raise LegacyError("remote_path is required")
        if not _encodable(remote_path):
            raise LegacyError("remote_path is not valid text")
        mapped = arr.map_path(remote_path, store.current()["path_mapping"])
        return Response({"remote_path": remote_path, "mapped_path": mapped, "exists": os.path.exists(mapped)})


urlpatterns = [
    re_path(
        r"^settings/path-mapping/test/?$", PathMappingTestView.as_view(), name="v1-settings-path-mapping-test"
    )
]
