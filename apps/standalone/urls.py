"""Standalone-mode resources under /api/v2/."""

from __future__ import annotations

from apps.standalone import views
from sublarr.api.routers import ApiRouter

router = ApiRouter()
router.register("watched-folders", views.WatchedFolderViewSet)
router.register("standalone-series", views.StandaloneSeriesViewSet)
router.register("standalone-movies", views.StandaloneMovieViewSet)
router.register("metadata-cache", views.MetadataCacheViewSet)
router.register("anidb-mappings", views.AnidbMappingViewSet)

urlpatterns = router.urls
