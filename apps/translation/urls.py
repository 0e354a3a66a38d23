"""Translation resources under /api/v2/."""

from __future__ import annotations

from apps.translation import views
from sublarr.api.routers import ApiRouter

router = ApiRouter()
router.register("translation-config-history", views.TranslationConfigHistoryViewSet)
router.register("glossary", views.GlossaryViewSet)
router.register("prompt-presets", views.PromptPresetViewSet)
router.register("translation-backend-stats", views.TranslationBackendStatsViewSet)
router.register("whisper-jobs", views.WhisperJobViewSet)

urlpatterns = router.urls
