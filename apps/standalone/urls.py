"""Standalone-mode resources under /api/v2/."""

from __future__ import annotations

from apps.core.api.routers import ApiRouter
from apps.standalone import views

router = ApiRouter()
router.register("watched-folders", views.WatchedFolderViewSet)
router.register("standalone-series", views.StandaloneSeriesViewSet)
router.register("standalone-movies", views.StandaloneMovieViewSet)
router.register("metadata-cache", views.MetadataCacheViewSet)
router.register("anidb-mappings", views.AnidbMappingViewSet)

urlpatterns = router.urls
