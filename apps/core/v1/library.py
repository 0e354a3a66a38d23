"""/api/v1/library: the series and movies of Sonarr and Radarr (legacy routes/library.py).

Legacy listed Sonarr's series (each with its language profile and its count of wanted items) and
Radarr's movies, and `{"series": [], "movies": []}` for a service not configured. The series and
movies themselves come only from Sonarr and Radarr, which this server does not contact, so it
answers the empty library whether or not they are configured: no title is invented from the
tables. At b0151c5 the legacy route failed with a 500 on every call (it imported
`get_series_missing_counts` from db.wanted, which is in db.profiles); this answers what it meant
to, so the Library page opens.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sublarr.api.legacy import LegacyAPIView

Library = inline_serializer(
    "LegacyLibrary",
    {
        "series": serializers.ListField(child=serializers.DictField()),
        "movies": serializers.ListField(child=serializers.DictField()),
    },
)


class LibraryView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_library",
        summary="The Sonarr series and Radarr movies (empty: Sonarr and Radarr are not contacted here)",
        responses={200: Library},
    )
    def get(self, request: Request) -> Response:
        return Response({"series": [], "movies": []})


urlpatterns = [re_path(r"^library/?$", LibraryView.as_view(), name="v1-library")]
