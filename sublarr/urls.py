"""The project's URLs: the first page, the admin, the two API versions, the RQ dashboard, /metrics,
JSON 404s under /api/, and the web frontend when one is set."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from apps.core.home import home
from apps.core.metrics import metrics_view
from sublarr import api_urls, frontend
from sublarr.api.legacy import api_not_found

urlpatterns: list[URLPattern | URLResolver] = [
    # The RQ dashboard (django-rq); its views admit staff users only.
    path("django-rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    # Prometheus scrapes /metrics (API key as ?apikey= through its `params`, or X-Api-Key).
    path("metrics", metrics_view, name="metrics"),
    # /api/v1 is the legacy application's wire contract; /api/v2 the generic table API.
    path("api/v1/", include(api_urls.v1)),
    path("api/v2/", include(api_urls.v2)),
    re_path(r"^api(/.*)?$", api_not_found),
]

if settings.FRONTEND_DIR:
    # Last: the single-page app's fallback answers only what nothing above claims, "/" included.
    urlpatterns.append(re_path(frontend.ROUTE, frontend.index, name="frontend"))
else:
    # The page that shows the way when no web frontend is configured.
    urlpatterns.append(path("", home, name="home"))
