"""/api/v1 system endpoints: health, database, backups, logs, tasks (legacy contract)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
