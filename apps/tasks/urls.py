"""Task endpoints under /api/v2/tasks/."""

from __future__ import annotations

from django.urls import re_path

from apps.tasks import views

urlpatterns = [
    re_path(r"^tasks/maintenance/?$", views.MaintenanceView.as_view(), name="task-maintenance"),
    re_path(r"^tasks/(?P<task_id>[\w-]+)/?$", views.TaskDetailView.as_view(), name="task-detail"),
]
