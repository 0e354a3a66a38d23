"""/api/v1 standalone mode: watched folders, series, movies (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
