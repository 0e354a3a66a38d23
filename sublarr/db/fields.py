"""Field types that keep the legacy storage formats while giving Python-friendly values.

The legacy data layer stored booleans as INTEGER 0/1, timestamps as ISO TEXT and JSON as TEXT.
Legacy readers and raw SQL still depend on that, so these fields change what Python sees, never
what the database holds.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression


def now_iso() -> str:
    """The timestamp format the legacy code wrote from Python: naive UTC, ISO 8601 with microseconds."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat()


class LegacyBooleanField(models.BooleanField):
    """A boolean stored as INTEGER 0/1, as the legacy tables (and their raw-SQL readers) expect."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str:
        return "integer"

    def rel_db_type(self, connection: BaseDatabaseWrapper) -> str:
        return "integer"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or isinstance(value, Expression):
            return value
        return int(value)

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> bool | None:
        return None if value is None else bool(value)


def coerce_json(value: Any, shape: type | None) -> Any:
    """A decoded legacy JSON value as the column's declared type (list or dict; None: as decoded).

    Legacy rows hold more than the writer meant: `null`, `{}` in a list column, or a bare `"de"`
    where a list of languages belongs. A list column gives a list for every one of them (a scalar
    becomes a one-item list, null and objects the empty list); a dict column gives {} for non-objects.
    """
    if shape is list:
        if isinstance(value, list):
            return value
        if value is None or isinstance(value, dict):
            return []
        return [value]
    if shape is dict:
        return value if isinstance(value, dict) else {}
    return value


class JSONTextField(models.TextField):
    """JSON kept as the exact TEXT the legacy code wrote.

    The model attribute stays the raw text, so saving a row never re-serialises (and so never
    changes) a value nobody edited. `parse()` gives the decoded value with the column's declared
    type (`shape`, else the type of its database default), whatever a legacy row holds; malformed
    text reads as the empty value of that type instead of an error.
    """

    def __init__(self, *args: Any, shape: type | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if shape is None and isinstance(self.db_default, str):
            shape = {"[": list, "{": dict}.get(self.db_default[:1])
        self.shape = shape

    def deconstruct(self) -> Any:
        # `shape` only changes what Python reads, never the column: migrations need not know it.
        return super().deconstruct()

    def empty_value(self) -> Any:
        return [] if self.shape is list else {}

    def parse(self, text: str | None) -> Any:
        if not text:
            return self.empty_value()
        try:
            value = json.loads(text)
        except ValueError:
            return self.empty_value()
        return coerce_json(value, self.shape)


class LegacyTimestampField(models.TextField):
    """A column the legacy DDL declared as TIMESTAMP (anidb_mappings), holding ISO text.

    SQLite keeps the declared type name, so the adopted and new schemas stay identical; other
    databases store the same text in a text column, never converting it to a native timestamp.
    """

    def db_type(self, connection: BaseDatabaseWrapper) -> str:
        return "timestamp" if connection.vendor == "sqlite" else "text"

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        # Values an INSERT ... RETURNING hands back (the CURRENT_TIMESTAMP default) bypass
        # select_format, so SQLite's driver has already parsed them; give back the stored text.
        if isinstance(value, datetime):
            return value.isoformat(sep=" ")
        return value

    def select_format(self, compiler: Any, sql: str, params: Any) -> tuple[str, Any]:
        # Django's SQLite driver parses columns declared TIMESTAMP into datetimes (and a value it
        # cannot parse into None); reading it as TEXT returns exactly what the legacy code stored.
        if compiler.connection.vendor == "sqlite":
            return f"CAST({sql} AS TEXT)", params
        return sql, params
