"""/api/v1 paths of the translation app (legacy contract): one module per area, each with its urlpatterns."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("apps.translation.v1.glossary")),
    path("", include("apps.translation.v1.presets")),
    path("", include("apps.translation.v1.backends")),
    path("", include("apps.translation.v1.whisper")),
    path("", include("apps.translation.v1.catalog")),
    path("", include("apps.translation.v1.batch")),
    path("", include("apps.translation.v1.retranslate")),
]
