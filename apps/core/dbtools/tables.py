"""The tables a transfer copies, from the installed models, parents before children."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.fields import AutoFieldMixin

from apps.core.dbtools.compare import Spec
from apps.core.dbtools.digest import Normalizer, norm_datetime, norm_json, norm_uuid

# Created by `migrate` itself on every database (post_migrate); a target holding only these
# holds no user data. They are still copied, so ids referenced by permissions and the admin log
# stay the source's.
MIGRATE_SEEDED = frozenset({"django_content_type", "auth_permission"})
# Values every supported database returns in the same Python shape: no conversion needed.
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "FloatField",
        "TextField",
        "CharField",
        "SlugField",
        "EmailField",
        "URLField",
        "GenericIPAddressField",
        "ForeignKey",
        "OneToOneField",
    }
)


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    columns: tuple[str, ...]
    pk: str
    text_key: bool  # ordered by text: needs the same collation on both sides
    auto_key: bool  # an integer id that a sequence hands out
    parents: frozenset[str] = field(default=frozenset())
    # (column, parent table, parent column) of each foreign key the database enforces
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    def fields(self) -> list[models.Field[Any, Any]]:
        return list(self.model._meta.local_concrete_fields)

    def converters(self, target: BaseDatabaseWrapper) -> dict[int, Any]:
        """Column index -> function giving the target's stored form, for non-plain fields only.

        Legacy tables hold only text, integers and reals, copied as they are; Django's own tables
        have booleans and datetimes, which SQLite stores as 0/1 and text and PostgreSQL natively.
        """
        out = {}
        for i, f in enumerate(self.fields()):
            if _internal_type(f) not in _PLAIN_TYPES:
                out[i] = _converter(f, target)
        return out

    def normalizers(self) -> dict[str, Normalizer]:
        """Digest normalizers for values each dialect returns in its own shape.

        Only Django's field types need them (datetimes, uuids, JSON); legacy tables use the
        tool's plain normalization, so their digests stay the tool's.
        """
        funcs = {"DateTimeField": norm_datetime, "UUIDField": norm_uuid, "JSONField": norm_json}
        return {_column(f): funcs[t] for f in self.fields() if (t := _internal_type(f)) in funcs}

    def compare_spec(self) -> Spec:
        """What `compare` reads of this table."""
        return Spec(self.name, self.columns, self.pk, self.text_key, self.normalizers())

    def key_param(self, value: Any, vendor: str) -> Any:
        """A key read from one side as a query parameter for the other side."""
        if isinstance(value, uuid.UUID):
            return value.hex if vendor == "sqlite" else str(value)
        return value


def _internal_type(f: models.Field[Any, Any]) -> str:
    # Legacy fields subclass the plain ones and keep their storage (LegacyBooleanField is INTEGER).
    name = type(f).__name__
    if name in {"LegacyBooleanField", "JSONTextField", "LegacyTimestampField"}:
        return "TextField" if name != "LegacyBooleanField" else "IntegerField"
    return f.get_internal_type()


def _converter(f: models.Field[Any, Any], target: BaseDatabaseWrapper) -> Any:
    if target.vendor == "postgresql":
        return _identity  # COPY parses SQLite's text forms (dates, 0/1, JSON, uuid hex) itself

    def convert(value: Any) -> Any:
        return None if value is None else f.get_db_prep_save(value, target)

    return convert


def _identity(value: Any) -> Any:
    return value


def _column(f: models.Field) -> str:
    """A concrete field's column: django-stubs types Field.column as optional, as a field
    without a column (a reverse or many-to-many relation) has None."""
    if f.column is None:
        raise TypeError(f"{f} has no column")
    return f.column


def transfer_tables() -> list[Table]:
    """Every table of an installed, managed model, each after the tables its foreign keys name."""
    found: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if not opts.managed or opts.proxy or opts.db_table in found:
            continue
        pk = opts.pk
        parents = frozenset(
            f.related_model._meta.db_table
            for f in opts.local_concrete_fields
            if f.is_relation
            and f.related_model is not None
            and f.related_model._meta.db_table != opts.db_table
        )
        found[opts.db_table] = Table(
            name=opts.db_table,
            model=model,
            columns=tuple(_column(f) for f in opts.local_concrete_fields),
            pk=_column(pk),
            text_key=pk.get_internal_type() in {"TextField", "CharField"},
            auto_key=isinstance(pk, AutoFieldMixin),
            parents=parents,
            foreign_keys=tuple(
                (_column(f), f.related_model._meta.db_table, _column(f.target_field))
                for f in opts.local_concrete_fields
                # A concrete relation is a ForeignKey (OneToOneField included).
                if isinstance(f, models.ForeignKey)
                and f.related_model is not None
                and getattr(f, "db_constraint", False)  # not in django-stubs
            ),
        )
    return _parents_first(found)


def sublarr_table_names() -> set[str]:
    """Every table Sublarr's migrations create: the models' and Django's own bookkeeping."""
    return {t.name for t in transfer_tables()} | {"django_migrations"}


def _parents_first(tables: dict[str, Table]) -> list[Table]:
    ordered: list[Table] = []
    seen: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in seen or name not in tables or name in path:
            return
        for parent in sorted(tables[name].parents):
            visit(parent, (*path, name))
        seen.add(name)
        ordered.append(tables[name])

    for name in sorted(tables):
        visit(name, ())
    return ordered
