"""Database-level defaults the legacy DDL used, spelled for every supported database."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import FloatField, Func, TextField
from django.db.models.sql.compiler import SQLCompiler

# PostgreSQL spelling of SQLite's datetime('now') / CURRENT_TIMESTAMP: UTC, 'YYYY-MM-DD HH:MM:SS'.
_POSTGRES_UTC_TEXT = "to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')"


class _UtcNowText(Func):
    """Current UTC time as 'YYYY-MM-DD HH:MM:SS' text, usable as a db_default."""

    allowed_default = True
    output_field = TextField()
    sqlite_sql = ""

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[()]]:
        return self.sqlite_sql, ()

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[()]]:
        return _POSTGRES_UTC_TEXT, ()


class DatetimeNow(_UtcNowText):
    """The legacy `DEFAULT (datetime('now'))`."""

    sqlite_sql = "datetime('now')"


class CurrentTimestamp(_UtcNowText):
    """The legacy `DEFAULT CURRENT_TIMESTAMP` (anidb_mappings)."""

    sqlite_sql = "CURRENT_TIMESTAMP"


class IntegerLiteral(Func):
    """An integer default on a REAL column, written `DEFAULT 0` as legacy did (not `0.0`)."""

    allowed_default = True

    def __init__(self, value: int) -> None:
        super().__init__(output_field=FloatField())
        self.value = int(value)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[()]]:
        return str(self.value), ()

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        return "apps.core.expressions.IntegerLiteral", (self.value,), {}
