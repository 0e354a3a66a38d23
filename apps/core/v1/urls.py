"""/api/v1 paths of the core app (legacy contract): one module per area, each with its urlpatterns."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("apps.core.v1.system")),
    path("", include("apps.core.v1.wanted")),
    path("", include("apps.core.v1.blacklist")),
    path("", include("apps.core.v1.jobs")),
    path("", include("apps.core.v1.stats")),
    path("", include("apps.core.v1.profiles")),
    path("", include("apps.core.v1.config")),
    path("", include("apps.core.v1.mediaservers")),
    path("", include("apps.core.v1.library")),
    path("", include("apps.core.v1.notifications")),
    path("", include("apps.core.v1.arr")),
    path("", include("apps.core.v1.plugins")),
    path("", include("apps.core.v1.pathmapping")),
]
