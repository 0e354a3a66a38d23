from collections.abc import Iterator
from typing import Any

from django.db.backends.sqlite3.schema import DatabaseSchemaEditor as SQLiteSchemaEditor


class DatabaseSchemaEditor(SQLiteSchemaEditor):
    """Writes primary keys as the legacy DDL did: `id INTEGER PRIMARY KEY`, without NOT NULL.

    SQLite records NOT NULL separately from PRIMARY KEY (PRAGMA table_info), so keeping Django's
    `NOT NULL PRIMARY KEY` would make every new table differ from the legacy one it maps. An
    INTEGER PRIMARY KEY is the rowid and can never hold NULL either way.
    """

    def _iter_column_sql(
        self,
        column_db_type: str,
        params: list[Any],
        model: Any,
        field: Any,
        field_db_params: dict[str, Any],
        include_default: bool,
    ) -> Iterator[str]:
        parts = super()._iter_column_sql(  # type: ignore[misc]  # private: not in django-stubs
            column_db_type, params, model, field, field_db_params, include_default
        )
        for part in parts:
            if field.primary_key and part == "NOT NULL":
                continue
            yield part
