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


class JSONTextField(models.TextField):
    """JSON kept as the exact TEXT the legacy code wrote.

    The model attribute stays the raw text, so saving a row never re-serialises (and so never
    changes) a value nobody edited. `parse()` gives the decoded value, with the empty value of the
    column's shape for malformed legacy text instead of an error.
    """

    def empty_value(self) -> Any:
        default = self.db_default if isinstance(self.db_default, str) else ""
        return [] if default.startswith("[") else {}

    def parse(self, text: str | None) -> Any:
        if not text:
            return self.empty_value()
        try:
            return json.loads(text)
        except ValueError:
            return self.empty_value()


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
