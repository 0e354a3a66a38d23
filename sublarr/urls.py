from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # The RQ dashboard (django-rq); its views admit staff users only.
    path("django-rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("apps.core.api.urls")),
    path("api/v1/", include("apps.jobs.urls")),
]
