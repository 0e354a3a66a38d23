"""/api/v1 dashboard and statistics: /stats, /statistics, /statistics/export (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
