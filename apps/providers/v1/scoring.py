"""/api/v1 scoring: /scoring/weights, /scoring/modifiers (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
