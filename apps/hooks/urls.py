"""Hook resources under /api/v2/."""

from __future__ import annotations

from apps.core.api.routers import ApiRouter
from apps.hooks import views

router = ApiRouter()
router.register("hooks", views.HookConfigViewSet)
router.register("webhooks", views.WebhookConfigViewSet)
router.register("hook-logs", views.HookLogViewSet)

urlpatterns = router.urls
