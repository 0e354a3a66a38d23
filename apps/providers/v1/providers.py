"""/api/v1 provider endpoints over the tables: stats, enable, cache clear (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
