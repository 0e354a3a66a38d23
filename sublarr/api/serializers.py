"""Serializer pieces for legacy columns: JSON kept as TEXT, INTEGER 0/1 flags, read-only timestamps."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sublarr.db.fields import JSONTextField, coerce_json


@extend_schema_field(OpenApiTypes.ANY)
class JSONTextSerializerField(serializers.Field):
    """A JSONTextField as a JSON value: parsed on the way out, written back as compact JSON text.

    Every legacy value reads as the declared type (`JSONTextField.parse`): malformed text, `null`,
    `{}` in a list column. `shape` (list or dict) is the column's when not given; writes must match.
    """

    def __init__(self, *, shape: type | None = None, **kwargs: Any) -> None:
        self.shape = shape
        super().__init__(**kwargs)

    def bind(self, field_name: str, parent: serializers.BaseSerializer) -> None:
        super().bind(field_name, parent)
        model_field = self._model_field()
        if self.shape is None and model_field is not None:
            self.shape = model_field.shape

    def _model_field(self) -> JSONTextField | None:
        model = getattr(getattr(self.parent, "Meta", None), "model", None)
        if model is None:
            return None
        try:
            field = model._meta.get_field(self.source)
        except Exception:  # noqa: BLE001 - a source that is not a column
            return None
        return field if isinstance(field, JSONTextField) else None

    def get_attribute(self, instance: Any) -> Any:
        # NULL in a legacy row reads as the empty value too (DRF would skip it and give null).
        value = super().get_attribute(instance)
        return "" if value is None else value

    def to_representation(self, value: str | None) -> Any:
        model_field = self._model_field()
        if model_field is not None and model_field.shape == self.shape:
            return model_field.parse(value)
        empty = self.shape() if self.shape else None
        try:
            return coerce_json(json.loads(value), self.shape) if value else empty
        except ValueError:
            return empty

    def to_internal_value(self, data: Any) -> str:
        if self.shape is list and not isinstance(data, list):
            raise serializers.ValidationError("Expected a list.")
        if self.shape is dict and not isinstance(data, dict):
            raise serializers.ValidationError("Expected an object.")
        try:
            return json.dumps(data)
        except (TypeError, ValueError):
            raise serializers.ValidationError("Not JSON-serialisable.") from None


class StringListField(JSONTextSerializerField):
    """A JSON list of strings kept as TEXT (language codes, backend names)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(shape=list, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise serializers.ValidationError("Expected a list of strings.")
        return json.dumps(data)

    def to_representation(self, value: str | None) -> list[str]:
        # The schema promises strings: numbers a legacy row holds are given as text, others dropped.
        items = super().to_representation(value)
        return [item if isinstance(item, str) else str(item) for item in items if _is_scalar(item)]


def _is_scalar(item: Any) -> bool:
    return isinstance(item, str | int | float) and not isinstance(item, bool)


extend_schema_field({"type": "array", "items": {"type": "string"}})(StringListField)


class LegacyModelSerializer(serializers.ModelSerializer):
    """ModelSerializer for the legacy tables.

    JSON-in-TEXT columns become JSON values. Timestamp columns the legacy code filled itself
    (created_at, updated_at, ...) are read-only: they are listed in `Meta.read_only_fields`.
    Columns with a database default are optional on create, as they were in legacy INSERTs.
    """

    def build_standard_field(self, field_name: str, model_field: models.Field) -> tuple[type, dict[str, Any]]:
        if isinstance(model_field, JSONTextField):
            kwargs: dict[str, Any] = {"allow_null": model_field.null}
            if model_field.has_db_default() or model_field.null:
                kwargs["required"] = False
            return JSONTextSerializerField, kwargs
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if model_field.has_db_default():
            kwargs["required"] = False
        return field_class, kwargs


# A table the application writes (logs, statistics, caches): every column is read-only. No
# docstring, so the schema keeps describing these with LegacyModelSerializer's.
class ReadOnlyLegacySerializer(LegacyModelSerializer):
    def get_extra_kwargs(self) -> dict[str, Any]:
        extra_kwargs = super().get_extra_kwargs()
        model: type[models.Model] = self.Meta.model
        for field in model._meta.fields:
            kwargs = extra_kwargs.setdefault(field.name, {})
            kwargs["read_only"] = True
            kwargs.pop("required", None)
        return extra_kwargs
