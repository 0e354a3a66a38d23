"""/api/v1 the event catalog (legacy contract): the events hooks and webhooks can subscribe to."""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.hooks.catalog import EVENT_CATALOG
from sublarr.api.legacy import LegacyAPIView

EVENT = inline_serializer(
    "V1CatalogEvent",
    {
        "name": serializers.CharField(),
        "label": serializers.CharField(),
        "description": serializers.CharField(),
        "payload_keys": serializers.ListField(child=serializers.CharField()),
    },
)


class EventCatalogView(LegacyAPIView):
    """The events hooks and webhooks can subscribe to, with their payload fields."""

    @extend_schema(operation_id="v1_events_catalog", responses={200: EVENT.__class__(many=True)})
    def get(self, request: Request) -> Response:
        return Response([{"name": name, **info} for name, info in EVENT_CATALOG.items()])


urlpatterns = [re_path(r"^events/catalog/?$", EventCatalogView.as_view(), name="v1-events-catalog")]
