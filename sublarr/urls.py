"""The project's URLs: the admin, the two API versions, the RQ dashboard, JSON 404s under /api/,
and the web frontend when one is set."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from apps.core.api.legacy import api_not_found
from sublarr import frontend

urlpatterns = [
    # The RQ dashboard (django-rq); its views admit staff users only.
    path("django-rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    # /api/v1 is the legacy application's wire contract; /api/v2 the generic table API.
    path("api/v1/", include("apps.core.api.v1_urls")),
    path("api/v2/", include("apps.core.api.v2_urls")),
    re_path(r"^api(/.*)?$", api_not_found),
]

if settings.FRONTEND_DIR:
    # Last: the single-page app's fallback answers only what nothing above claims.
    urlpatterns.append(re_path(frontend.ROUTE, frontend.index, name="frontend"))
