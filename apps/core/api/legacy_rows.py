"""Legacy /api/v1 helpers for whole-table reads and JSON bodies, shared by the v1 areas.

Many legacy routes answered `[dict(row) for row in rows]` of a `SELECT *`: every column by name,
as stored (0/1 flags as integers, JSON as its TEXT). `row_dicts` reads those straight from a
queryset's values, one query for the whole list, without building model instances.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from rest_framework import exceptions, status
from rest_framework.request import Request

from apps.core.api.legacy import LegacyError, require_json
from apps.core.fields import LegacyBooleanField


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


def json_object(request: Request, *, silent: bool = False) -> dict[str, Any]:
    """Flask's `request.get_json() or {}`: the JSON object sent, else {} (no body, not an object).

    With `silent` (Flask's get_json(silent=True)) a body not declared as JSON reads as {} too;
    without it, that is a 415. A body declared JSON that does not parse is always a 400: a
    request that says nothing sensible changes nothing.
    """
    if not silent:
        # DRF reads an empty body without a content type as no data; Flask's strict get_json()
        # answered 415 to any body not declared as JSON, empty or not.
        require_json(request)
    try:
        data = request.data
    except exceptions.UnsupportedMediaType:
        if silent:
            return {}
        raise
    return data if isinstance(data, dict) else {}


def body_text(data: dict[str, Any], key: str, message: str) -> str | None:
    """A stripped string from a JSON body, None when absent or null; any other type is a 400."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise LegacyError(message)
    return value.strip()


def find[M: models.Model](queryset: models.QuerySet[M] | models.Manager[M], pk: int | str) -> M | None:
    """The row with this id from a Flask `<int:id>` path, or None: an id past 64 bits is no row's
    (the databases would raise on it instead of finding nothing)."""
    number = int(pk)
    if not -(2**63) <= number < 2**63:
        return None
    return queryset.filter(pk=number).first()


def find_or_404[M: models.Model](
    queryset: models.QuerySet[M] | models.Manager[M], pk: int | str, message: str
) -> M:
    """The row `find` gives, else the legacy 404 `{"error": message}`."""
    row = find(queryset, pk)
    if row is None:
        raise LegacyError(message, status.HTTP_404_NOT_FOUND)
    return row


def save_unique(instance: models.Model, message: str) -> None:
    """Save the row; a unique constraint it breaks is the legacy 409 `{"error": message}`."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise LegacyError(message, status.HTTP_409_CONFLICT) from None


def delete_or_error(
    queryset: models.QuerySet[Any] | models.Manager[Any],
    pk: int | str,
    message: str,
    status_code: int = status.HTTP_400_BAD_REQUEST,
) -> None:
    """Delete the row with this id; no such row, or one the model refuses to delete (its
    ValidationError), is the legacy error `{"error": message}`."""
    row = find(queryset, pk)
    if row is None:
        raise LegacyError(message, status_code)
    try:
        row.delete()
    except ValidationError:
        raise LegacyError(message, status_code) from None
