"""/api/v1 paths of the hooks app (legacy contract): one module per area, each with its urlpatterns."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("apps.hooks.v1.hooks")),
    path("", include("apps.hooks.v1.webhooks")),
    path("", include("apps.hooks.v1.events")),
]
