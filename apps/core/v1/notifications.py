"""/api/v1/notifications/status: how many notification targets are set and which events notify.

Legacy routes/system.py `notification_status` (notifier.get_notification_status at b0151c5), read
from the settings only; nothing is sent. Testing a notification needs Apprise and the network and
is not served here.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.config import store
from apps.core.notifications import notification_urls
from sublarr.api.legacy import LegacyAPIView

# Event name in the answer -> the setting that switches it.
EVENT_SETTINGS = {
    "download": "notify_on_download",
    "upgrade": "notify_on_upgrade",
    "batch_complete": "notify_on_batch_complete",
    "error": "notify_on_error",
    "manual_actions": "notify_manual_actions",
}

Status = inline_serializer(
    "LegacyNotificationStatus",
    {
        "configured": serializers.BooleanField(),
        "url_count": serializers.IntegerField(),
        "events": inline_serializer(
            "LegacyNotificationEvents", {name: serializers.BooleanField() for name in EVENT_SETTINGS}
        ),
    },
)


class NotificationStatusView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_notifications_status",
        summary="Notification targets configured and the events that notify",
        responses={200: Status},
    )
    def get(self, request: Request) -> Response:
        settings = store.current()
        urls = notification_urls(settings["notification_urls_json"])
        return Response(
            {
                "configured": bool(urls),
                "url_count": len(urls),
                "events": {name: settings[key] for name, key in EVENT_SETTINGS.items()},
            }
        )


urlpatterns = [
    re_path(r"^notifications/status/?$", NotificationStatusView.as_view(), name="v1-notifications-status")
]
