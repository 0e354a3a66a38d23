"""A test URLconf: the project's URLs plus one legacy view that exercises the shared base."""

from __future__ import annotations

from django.urls import re_path
from rest_framework.request import Request
from rest_framework.response import Response

from sublarr.api.legacy import LegacyAPIView, LegacyError, json_object, query_int
from sublarr.urls import urlpatterns as project_urlpatterns


class ProbeView(LegacyAPIView):
    def get(self, request: Request) -> Response:
        if request.query_params.get("fail"):
            raise LegacyError("Item 7 not found", 404)
        return Response({"page": query_int(request, "page", 1)})

    def post(self, request: Request) -> Response:
        data = json_object(request)
        if not data:
            raise LegacyError("No data provided")
        return Response(data, status=201)


urlpatterns = [re_path(r"^api/v1/probe/?$", ProbeView.as_view()), *project_urlpatterns]
