"""/api/v1 jobs: /jobs, /status/<id>, /retranslate/status (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
