"""The project's URLs: admin, the RQ dashboard, the REST API, and the web frontend when one is set."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from sublarr import frontend

urlpatterns = [
    # The RQ dashboard (django-rq); its views admit staff users only.
    path("django-rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("apps.core.api.urls")),
    path("api/v1/", include("apps.jobs.urls")),
]

if settings.FRONTEND_DIR:
    # Last: the single-page app's fallback answers only what nothing above claims.
    urlpatterns.append(re_path(frontend.ROUTE, frontend.index, name="frontend"))
