"""Hook resources under /api/v2/, and the task that sends a webhook a test event."""

from __future__ import annotations

from django.urls import re_path

from apps.hooks import views
from sublarr.api.routers import ApiRouter

router = ApiRouter()
router.register("hooks", views.HookConfigViewSet)
router.register("webhooks", views.WebhookConfigViewSet)
router.register("hook-logs", views.HookLogViewSet)

urlpatterns = [
    re_path(r"^tasks/webhook-test/(?P<pk>\d+)/?$", views.WebhookTestView.as_view(), name="task-webhook-test"),
    *router.urls,
]
