from django.contrib import admin
from django.urls import include, path

from apps.core.home import home
from apps.core.metrics import metrics_view

urlpatterns = [
    # The page shown when no frontend is configured (SUBLARR_FRONTEND_DIR unset).
    path("", home, name="home"),
    # The RQ dashboard (django-rq); its views admit staff users only.
    path("django-rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    # Prometheus scrapes /metrics (API key as ?apikey= through its `params`, or X-Api-Key).
    path("metrics", metrics_view, name="metrics"),
    path("api/v1/", include("apps.core.api.urls")),
    path("api/v1/", include("apps.jobs.urls")),
]
