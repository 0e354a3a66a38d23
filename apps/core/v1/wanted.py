"""/api/v1 wanted list: list, summary, status, delete (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
