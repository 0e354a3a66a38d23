"""/api/v1 paths of the core app (legacy contract); each area's views live in their own module here."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
