"""Read every row of every Sublarr model through the ORM from a SQLite file; count them per table.

In-process, through an extra connection alias configured exactly as the default one would be for
that file (apps.core.dbtools.databases.django_alias): a `manage.py`-style subprocess only added
Django's start-up to the same ORM reads.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

from apps.core.dbtools import databases as dbs
from apps.core.legacy.reference import LEGACY_APPS
from sublarr.db.fields import JSONTextField


def read_all_rows(db: Path) -> dict[str, int]:
    """Every model instance built, printed and its JSON text fields parsed; row counts by table."""
    counts = {}
    with dbs.django_alias(dbs.from_url(f"sqlite:///{db}")) as alias:
        for app in LEGACY_APPS:
            for model in apps.get_app_config(app).get_models():
                n = 0
                for obj in model._default_manager.using(alias).iterator():
                    str(obj)
                    for field in model._meta.concrete_fields:
                        value = getattr(obj, field.attname)
                        if isinstance(field, JSONTextField):
                            field.parse(value)
                    n += 1
                counts[model._meta.db_table] = n
    return counts
