"""/api/v1 the event catalog (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
