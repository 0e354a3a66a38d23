"""Core resources under /api/v2/, with the legacy resource names."""

from __future__ import annotations

from apps.core import views
from sublarr.api.routers import ApiRouter

router = ApiRouter()
router.register("jobs", views.JobViewSet)
router.register("daily-stats", views.DailyStatsViewSet)
router.register("config", views.ConfigEntryViewSet)
router.register("wanted", views.WantedItemViewSet)
router.register("upgrade-history", views.UpgradeHistoryViewSet)
router.register("language-profiles", views.LanguageProfileViewSet)
router.register("series-profiles", views.SeriesLanguageProfileViewSet)
router.register("movie-profiles", views.MovieLanguageProfileViewSet)
router.register("ffprobe-cache", views.FfprobeCacheViewSet)
router.register("blacklist", views.BlacklistViewSet)

urlpatterns = router.urls
