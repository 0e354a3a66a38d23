"""/api/v1 settings: /config, export and import, onboarding, the namespaced settings endpoints."""

from __future__ import annotations

from django.urls import re_path

from apps.core.v1.config import namespaced, views

urlpatterns = [
    re_path(r"^config/?$", views.ConfigView.as_view(), name="v1-config"),
    re_path(r"^config/export/?$", views.ConfigExportView.as_view(), name="v1-config-export"),
    re_path(r"^config/import/?$", views.ConfigImportView.as_view(), name="v1-config-import"),
    re_path(r"^onboarding/status/?$", views.OnboardingStatusView.as_view(), name="v1-onboarding-status"),
    re_path(
        r"^backends/(?P<name>[^/]+)/config/?$",
        namespaced.TranslationBackendConfigView.as_view(),
        name="v1-backend-config",
    ),
    re_path(r"^whisper/config/?$", namespaced.WhisperConfigView.as_view(), name="v1-whisper-config"),
    re_path(
        r"^whisper/backends/config/(?P<name>[^/]+)/?$",
        namespaced.WhisperBackendConfigView.as_view(),
        name="v1-whisper-backend-config",
    ),
    re_path(
        r"^mediaservers/instances/?$",
        namespaced.MediaServerInstancesView.as_view(),
        name="v1-mediaservers-instances",
    ),
    re_path(
        r"^plugins/(?P<name>[^/]+)/config/?$", namespaced.PluginConfigView.as_view(), name="v1-plugin-config"
    ),
    re_path(
        r"^onboarding/complete/?$", views.OnboardingCompleteView.as_view(), name="v1-onboarding-complete"
    ),
]
