"""Everything under /api/v1/: the legacy application's endpoints, each app's in its own `v1` package.

The paths are the legacy ones (backend/routes/*.py of the legacy application); an optional trailing
slash is accepted and never redirected. Anything else under /api/v1 answers a JSON 404.
"""

from __future__ import annotations

from django.urls import include, path, re_path

from apps.core.api.schema import schema_view
from apps.core.api.views import ApiDocsView

urlpatterns = [
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
