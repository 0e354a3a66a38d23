"""/api/v1 language profiles: CRUD, assign, the default profile (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
