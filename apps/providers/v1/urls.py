"""/api/v1 paths of the providers app (legacy contract): one module per area, each with its urlpatterns."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("apps.providers.v1.history")),
    path("", include("apps.providers.v1.providers")),
    path("", include("apps.providers.v1.scoring")),
    path("", include("apps.providers.v1.catalog")),
]
