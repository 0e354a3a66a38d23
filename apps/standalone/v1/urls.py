"""/api/v1 paths of the standalone app (legacy contract): one module per area, each with its urlpatterns."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("apps.standalone.v1.standalone")),
    path("", include("apps.standalone.v1.status")),
]
