"""Brings a database from before the task app's rename (app label "jobs") up to date.

Until the rename, this app was labelled "jobs": its tables were jobs_scheduledrun and
jobs_workerheartbeat, its migrations were recorded under "jobs", its content types (and so the
permissions granted on them) had the app label "jobs", and queued tasks named their functions by
the old module paths. 0001 has just created the tables under their new names; this migration
moves what the old ones held, drops them, and renames the rest in place. On a database created
after the rename it finds nothing to do.
"""

from django.db import migrations

FORMER_LABEL = "jobs"
TABLES = ["scheduledrun", "workerheartbeat"]
TASK_PATHS = {
    "apps.jobs.tasks.run_maintenance": "apps.tasks.tasks.run_maintenance",
    "apps.jobs.tasks.run_daily_backup": "apps.core.tasks.run_daily_backup",
}


def adopt_former_jobs_app(apps, schema_editor):
    connection = schema_editor.connection
    existing = set(connection.introspection.table_names())
    quote = schema_editor.quote_name
    with connection.cursor() as cursor:
        for model in TABLES:
            old, new = f"{FORMER_LABEL}_{model}", f"tasks_{model}"
            if old in existing:
                columns = ", ".join(
                    quote(column.name) for column in connection.introspection.get_table_description(cursor, new)
                )
                cursor.execute(f"INSERT INTO {quote(new)} ({columns}) SELECT {columns} FROM {quote(old)}")
                cursor.execute(f"DROP TABLE {quote(old)}")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", [FORMER_LABEL])
    alias = connection.alias  # the database being migrated, which need not be the default one
    ContentType = apps.get_model("contenttypes", "ContentType")
    for content_type in ContentType.objects.using(alias).filter(app_label=FORMER_LABEL, model__in=TABLES):
        if ContentType.objects.using(alias).filter(app_label="tasks", model=content_type.model).exists():
            continue  # already created under the new label; the old one is left as it is
        content_type.app_label = "tasks"
        content_type.save(using=alias, update_fields=["app_label"])
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in TASK_PATHS.items():
        DBTaskResult.objects.using(alias).filter(task_path=old).update(task_path=new)


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [migrations.RunPython(adopt_former_jobs_app, migrations.RunPython.noop)]
