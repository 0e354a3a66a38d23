"""/api/v1 settings: /config, export and import, onboarding, the namespaced settings endpoints."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
