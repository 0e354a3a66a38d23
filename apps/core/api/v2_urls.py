"""Everything under /api/v2/: every table as a resource, the health check, the OpenAPI schema and docs."""

from __future__ import annotations

from django.urls import include, path, re_path

from apps.core.api.schema import schema_view
from apps.core.api.views import ApiDocsView, HealthView

urlpatterns = [
    re_path(r"^health/?$", HealthView.as_view(), name="api-health"),
    re_path(r"^schema/?$", schema_view("v2"), name="api-schema"),
    re_path(r"^docs/?$", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("apps.core.urls")),
    path("", include("apps.providers.urls")),
    path("", include("apps.translation.urls")),
    path("", include("apps.hooks.urls")),
    path("", include("apps.standalone.urls")),
    path("", include("apps.jobs.urls")),
]
