"""/api/v1/plugins: the loaded provider plugins (legacy routes/plugins.py `list_plugins`).

Legacy loaded provider plugins (Python files) from its plugins folder and listed them with the
load errors. This server loads no plugins, so it answers what legacy answered for an empty plugins
folder: `{"plugins": [], "errors": []}`. A plugin's config is /plugins/<name>/config
(apps.core.v1.config.namespaced), which answers 404 for every name for the same reason.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sublarr.api.legacy import LegacyAPIView

PluginList = inline_serializer(
    "LegacyPluginList",
    {
        "plugins": serializers.ListField(child=serializers.DictField()),
        "errors": serializers.ListField(child=serializers.CharField()),
    },
)


class PluginListView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_plugins_list",
        summary="The loaded provider plugins and their load errors (none: no plugins are loaded)",
        responses={200: PluginList},
    )
    def get(self, request: Request) -> Response:
        return Response({"plugins": [], "errors": []})


urlpatterns = [re_path(r"^plugins/?$", PluginListView.as_view(), name="v1-plugins")]
