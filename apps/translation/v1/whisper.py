"""/api/v1 Whisper queue, jobs and statistics (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
