"""/api/v1 system endpoints: health, database, backups, logs and tasks (legacy backend/routes/system.py).

/stats, /statistics and /notifications live with their own areas; this package keeps what the
platform itself owns.
"""

from __future__ import annotations

from django.urls import re_path

from apps.core.v1.system import backups, database, health, logs, tasks

urlpatterns = [
    re_path(r"^health/?$", health.HealthView.as_view(), name="v1-health"),
    re_path(r"^health/detailed/?$", health.HealthDetailedView.as_view(), name="v1-health-detailed"),
    re_path(r"^database/health/?$", database.DatabaseHealthView.as_view(), name="v1-database-health"),
    re_path(r"^database/backup/?$", database.DatabaseBackupView.as_view(), name="v1-database-backup"),
    re_path(r"^database/backups/?$", database.DatabaseBackupsView.as_view(), name="v1-database-backups"),
    re_path(r"^database/restore/?$", database.DatabaseRestoreView.as_view(), name="v1-database-restore"),
    re_path(r"^database/vacuum/?$", database.DatabaseVacuumView.as_view(), name="v1-database-vacuum"),
    re_path(r"^backup/full/?$", backups.FullBackupView.as_view(), name="v1-backup-full"),
    re_path(r"^backup/full/list/?$", backups.FullBackupListView.as_view(), name="v1-backup-full-list"),
    # Anything after download/ is the name, so "../x" reaches the view and is refused with a 400.
    re_path(
        r"^backup/full/download/(?P<filename>.+)$",
        backups.FullBackupDownloadView.as_view(),
        name="v1-backup-full-download",
    ),
    re_path(
        r"^backup/full/restore/?$", backups.FullBackupRestoreView.as_view(), name="v1-backup-full-restore"
    ),
    re_path(r"^logs/?$", logs.LogsView.as_view(), name="v1-logs"),
    re_path(r"^logs/download/?$", logs.LogDownloadView.as_view(), name="v1-logs-download"),
    re_path(r"^logs/rotation/?$", logs.LogRotationView.as_view(), name="v1-logs-rotation"),
    re_path(r"^tasks/?$", tasks.TasksView.as_view(), name="v1-tasks"),
]
