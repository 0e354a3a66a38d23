"""/api/v1 blacklist: list, add, delete, clear, count (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
