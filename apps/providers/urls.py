"""Provider resources under /api/v2/."""

from __future__ import annotations

from apps.providers import views
from sublarr.api.routers import ApiRouter

router = ApiRouter()
router.register("provider-cache", views.ProviderCacheViewSet)
router.register("subtitle-downloads", views.SubtitleDownloadViewSet)
router.register("provider-stats", views.ProviderStatsViewSet)
router.register("provider-score-modifiers", views.ProviderScoreModifierViewSet)
router.register("scoring-weights", views.ScoringWeightsViewSet)

urlpatterns = router.urls
