"""/api/v1/sonarr/instances and /radarr/instances: the configured instances (legacy routes/library.py).

A bare JSON array, as legacy answered it (apps.core.arr.instances). Testing an instance
(/sonarr|radarr/instances/test) needs the service itself and is not served here.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core import arr
from sublarr.api.legacy import LegacyAPIView

Instance = inline_serializer(
    "LegacyArrInstance",
    {
        "name": serializers.CharField(required=False),
        "url": serializers.CharField(required=False),
        "api_key": serializers.CharField(required=False),
        "path_mapping": serializers.CharField(required=False),
    },
)
INSTANCES = type(Instance)(many=True)


def _answer(service: arr.Service) -> Response:
    # The API key is answered unmasked, as legacy did: the caller already holds Sublarr's own API
    # key (full control), and the Settings tab writes these values back as it read them, so a
    # masked key would overwrite the real one.
    return Response(arr.instances(service))


class SonarrInstancesView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_sonarr_instances",
        summary="The configured Sonarr instances (the stored list, else the single-instance settings)",
        responses={200: INSTANCES},
    )
    def get(self, request: Request) -> Response:
        return _answer("sonarr")


class RadarrInstancesView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_radarr_instances",
        summary="The configured Radarr instances (the stored list, else the single-instance settings)",
        responses={200: INSTANCES},
    )
    def get(self, request: Request) -> Response:
        return _answer("radarr")


urlpatterns = [
    re_path(r"^sonarr/instances/?$", SonarrInstancesView.as_view(), name="v1-sonarr-instances"),
    re_path(r"^radarr/instances/?$", RadarrInstancesView.as_view(), name="v1-radarr-instances"),
]
