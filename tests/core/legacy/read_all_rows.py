"""Run as a script: read every row of every Sublarr model through the ORM; print counts as JSON."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the project root
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sublarr.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402

from apps.core.legacy.reference import LEGACY_APPS  # noqa: E402
from sublarr.db.fields import JSONTextField  # noqa: E402

counts = {}
for app in LEGACY_APPS:
    for model in apps.get_app_config(app).get_models():
        n = 0
        for obj in model._default_manager.iterator():
            str(obj)
            for field in model._meta.concrete_fields:
                value = getattr(obj, field.attname)
                if isinstance(field, JSONTextField):
                    field.parse(value)
            n += 1
        counts[model._meta.db_table] = n
print(json.dumps(counts))
