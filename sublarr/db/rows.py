"""Rows as legacy Sublarr's routes answered them: `dict(row)` of a `SELECT *`.

Every column by name, as stored: 0/1 flags as integers, JSON as its TEXT. `row_dicts` reads them
straight from a queryset's values, one query for the whole list, without building model
instances. Statistics readers use them as well as /api/v1 views, so this module imports no API
code (nor REST framework, which a process would otherwise load at start-up for them).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from sublarr.db.fields import LegacyBooleanField


def row_dicts(queryset: models.QuerySet) -> list[dict[str, Any]]:
    """The rows of `queryset` as legacy `dict(row)` gave them, in one query."""
    fields = queryset.model._meta.concrete_fields
    flags = [isinstance(field, LegacyBooleanField) for field in fields]
    columns = [field.column for field in fields]
    return [
        {
            column: int(value) if flag and value is not None else value
            for column, value, flag in zip(columns, values, flags, strict=True)
        }
        for values in queryset.values_list(*(field.attname for field in fields))
    ]


def row_dict(instance: models.Model) -> dict[str, Any]:
    """One row as legacy `dict(row)`, read back from the database (what legacy routes returned
    after a write: the stored values, defaults filled in)."""
    return row_dicts(type(instance)._default_manager.filter(pk=instance.pk))[0]
