"""Everything under /api/v1/ and /api/v2/: each app's own URL patterns, the OpenAPI schemas and docs.

/api/v1 paths are the legacy application's (backend/routes/*.py of the legacy application), each
app's in its own `v1` package; an optional trailing slash is accepted and never redirected.
/api/v2 serves every table as a resource, the health check and the task endpoints.
Anything else under /api/ answers a JSON 404 (sublarr/urls.py).
"""

from __future__ import annotations

from django.urls import include, path, re_path

from sublarr.api.schema import schema_view
from sublarr.api.views import ApiDocsView, HealthView

v1 = [
    # The legacy application served its OpenAPI document at /api/v1/openapi.json.
    re_path(r"^openapi\.json$", schema_view("v1"), name="v1-openapi"),
    re_path(r"^schema/?$", schema_view("v1"), name="v1-schema"),
    re_path(r"^docs/?$", ApiDocsView.as_view(url_name="v1-schema"), name="v1-docs"),
    path("", include("apps.core.v1.urls")),
    path("", include("apps.providers.v1.urls")),
    path("", include("apps.translation.v1.urls")),
    path("", include("apps.hooks.v1.urls")),
    path("", include("apps.standalone.v1.urls")),
]

v2 = [
    re_path(r"^health/?$", HealthView.as_view(), name="api-health"),
    re_path(r"^schema/?$", schema_view("v2"), name="api-schema"),
    re_path(r"^docs/?$", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("apps.core.urls")),
    path("", include("apps.providers.urls")),
    path("", include("apps.translation.urls")),
    path("", include("apps.hooks.urls")),
    path("", include("apps.standalone.urls")),
    path("", include("apps.tasks.urls")),
]
