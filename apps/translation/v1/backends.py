"""/api/v1 translation backend statistics: /backends/stats (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
