"""Rows for every admin-registered model, built from the field types alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.db.models.fields import AutoFieldMixin
from pytest_django import Settings

from apps.core.models import LanguageProfile
from sublarr.db.fields import JSONTextField, LegacyBooleanField

SUBLARR_APPS = ("core", "providers", "translation", "hooks", "standalone")


def sublarr_models() -> list[type[models.Model]]:
    return [model for label in SUBLARR_APPS for model in apps.get_app_config(label).get_models()]


def model_id(model: type[models.Model]) -> str:
    return model._meta.label_lower


def admin_for(model: type[models.Model]) -> admin.ModelAdmin:
    return admin.site._registry[model]


def field_value(field: models.Field, i: int) -> Any:
    """A value for row i; TEXT values are unique per row, so unique constraints hold."""
    if field.choices:
        values = [value for value, _ in field.flatchoices]
        return values[i % len(values)]
    if isinstance(field, LegacyBooleanField):
        return i % 2 == 0
    if isinstance(field, JSONTextField):
        if isinstance(field.empty_value(), list):
            return json.dumps(["de", f"x{i}"])
        return json.dumps({"row": i, "nested": {"ok": True}})
    if isinstance(field, models.FloatField):
        return i + 0.5
    if isinstance(field, models.IntegerField):
        return i + 1
    if isinstance(field, models.TextField):
        return f"{field.name}-{i:05d}"
    raise AssertionError(f"no test value for {field!r}")


def build_rows[M: models.Model](model: type[M], count: int, start: int = 0) -> list[M]:
    """Saves `count` rows; each row that has a foreign key gets its own related row (N+1 shows)."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    related: dict[str, list[models.Model]] = {}
    for field in fields:
        if field.is_relation:
            assert field.related_model is LanguageProfile, field
            related[field.name] = build_rows(LanguageProfile, count, start=10_000 + start)
    rows = []
    for i in range(start, start + count):
        values = {}
        for field in fields:
            if field.is_relation:
                values[field.name] = related[field.name][i - start]
            else:
                values[field.attname] = field_value(field, i)
        rows.append(model(**values))
    return model._default_manager.bulk_create(rows)


@pytest.fixture(autouse=True)
def admin_settings(settings: Settings) -> None:
    """Static files without collectstatic.

    The admin is tested at the project's own URLs: a URLconf of the tests' own, set per test,
    had Django build the admin's URL patterns again for every test.
    """
    # The manifest storage needs collectstatic, which tests do not run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def make_rows(db: None) -> Callable[..., list[models.Model]]:
    return build_rows
