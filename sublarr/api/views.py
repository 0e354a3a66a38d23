"""Shared view pieces: the anonymous health check and the 'clear' action of caches, stats and logs."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError, connection
from drf_spectacular.plumbing import set_query_parameters
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sublarr.api.authentication import QUERY_PARAM

ClearedSerializer = inline_serializer("Cleared", {"deleted": serializers.IntegerField()})
HealthSerializer = inline_serializer(
    "Health", {"status": serializers.CharField(), "database": serializers.CharField()}
)


class HealthView(APIView):
    """The only anonymous endpoint: says whether Sublarr and its database answer, nothing more."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(responses={200: HealthSerializer, 503: HealthSerializer})
    def get(self, request: Request) -> Response:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return Response(
                {"status": "unhealthy", "database": "unavailable"}, status.HTTP_503_SERVICE_UNAVAILABLE
            )
        return Response({"status": "healthy", "database": "ok"})


class ClearMixin:
    """`POST <resource>/clear` deletes the rows the list filters select (all rows without filters).

    Caches, statistics and logs are read-only otherwise: clearing them is the one change a
    person makes, as in legacy Sublarr.
    """

    @extend_schema(request=None, responses={200: ClearedSerializer})
    @action(detail=False, methods=["post"])
    def clear(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]  # mixin of a GenericViewSet
        deleted, _ = queryset.order_by().delete()
        return Response({"deleted": deleted})


class ApiDocsView(SpectacularSwaggerView):
    """Swagger UI; a page opened with ?apikey= passes the key on to its schema request."""

    def _get_schema_url(self, request: Request) -> str:
        url = super()._get_schema_url(request)
        if key := request.query_params.get(QUERY_PARAM):
            url = set_query_parameters(url, apikey=key)
        return url
