"""Admin pieces every app shares: a count-capping paginator, read-only admins, pretty JSON TEXT.

Each app's `admin.py` builds on `SublarrModelAdmin` (or `LargeTableAdmin` for the tables that grow
to hundreds of thousands of rows) and mixes in `ReadOnlyAdminMixin` for stats, caches and logs.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import QuerySet
from django.db.models.expressions import DatabaseDefault
from django.forms import Field as FormField
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import format_html

from apps.core.expressions import DatetimeNow
from apps.core.models import TouchOnSave
from sublarr.db.fields import JSONTextField

PRETTY_SUFFIX = "_pretty"


class FastCountPaginator(Paginator):
    """Counts at most `exact_count_limit` rows (more when a deeper page is asked for).

    COUNT(*) over a whole wanted_items or hook_log table scans every row on SQLite and PostgreSQL
    alike, on every changelist page. This paginator counts through `LIMIT`, so the cost stays
    bounded; past the limit an unfiltered table reports the database's row estimate ("about N"),
    a filtered one reports "more than N" with enough pages to step onwards.
    """

    exact_count_limit = 10_000

    def __init__(self, *args: Any, page_hint: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_hint = max(1, page_hint)
        self.count_is_estimate = False
        self.count_is_lower_bound = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().count
        # Enough rows to know whether a page follows the one asked for.
        limit = max(self.exact_count_limit, (self.page_hint + 1) * int(self.per_page))
        counted = queryset.order_by().values("pk")[: limit + 1].count()
        if counted <= limit:
            return counted
        if not queryset.query.where:
            estimate = table_row_estimate(queryset.model, queryset.db)
            if estimate is not None and estimate > limit:
                self.count_is_estimate = True
                return estimate
        self.count_is_lower_bound = True
        return counted

    @property
    def count_label(self) -> str:
        """The count as the changelist shows it: exact, "about N" or "more than N"."""
        shown = number_format(self.count, force_grouping=True)
        if self.count_is_estimate:
            return f"about {shown}"
        if self.count_is_lower_bound:
            return f"more than {number_format(self.count - 1, force_grouping=True)}"
        return shown


def table_row_estimate(model: type[models.Model], using: str) -> int | None:
    """A cheap row estimate for a whole table, or None when the database offers none.

    PostgreSQL keeps one in pg_class (-1 until the table was first analysed). SQLite has no
    statistics by default; the largest rowid is an index lookup and, on these append-mostly
    tables, close to the row count (it overshoots by the rows deleted since).
    """
    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)", [table])
        elif connection.vendor == "sqlite":
            cursor.execute(f"SELECT MAX(rowid) FROM {connection.ops.quote_name(table)}")
        else:
            return None
        row = cursor.fetchone()
    if row is None or row[0] is None or row[0] < 0:
        return None
    return int(row[0])


def pretty_json_html(field: JSONTextField, text: str | None) -> str:
    """The stored JSON TEXT indented in a <pre>; malformed legacy text is shown as stored, flagged."""
    value = field.parse(text)
    pretty = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)
    if text and value == field.empty_value() and not _decodes(text):
        return format_html(
            '<p class="errornote">Not valid JSON; Sublarr reads it as <code>{}</code>. Stored text:</p>'
            '<pre class="sublarr-json">{}</pre>',
            pretty,
            text,
        )
    return format_html('<pre class="sublarr-json">{}</pre>', pretty)


def json_summary(field: JSONTextField, text: str | None) -> str:
    """A one-line list-column rendering: list items joined, objects as compact JSON."""
    value = field.parse(text)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _decodes(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


class JSONTextAdminForm(forms.ModelForm):
    """Rejects edited JSON TEXT that does not decode.

    An untouched malformed legacy value is left as stored, so fixing another field of an old row
    never forces a rewrite of its JSON.
    """

    def clean(self) -> dict[str, Any]:
        super().clean()  # ModelForm.clean() returns cleaned_data, typed as possibly None
        cleaned = self.cleaned_data
        json_fields = {f.name for f in self._meta.model._meta.fields if isinstance(f, JSONTextField)}
        for name in self.changed_data:
            value = cleaned.get(name)
            if name in json_fields and value:
                try:
                    json.loads(value)
                except ValueError as exc:
                    self.add_error(name, f"Not valid JSON: {exc}")
        return cleaned


class SublarrModelAdmin(admin.ModelAdmin):
    """Base admin: bounded counts, single-line inputs for short TEXT columns, pretty JSON.

    Every JSONTextField gets a read-only `<name>_pretty` display next to it (in place of it where
    the row cannot be changed).
    """

    paginator = FastCountPaginator
    show_full_result_count = False
    form: type[forms.ModelForm] = JSONTextAdminForm
    # TEXT columns edited in a textarea; every other TEXT column (names, paths, timestamps) gets a
    # single-line input, as the legacy schema stores even one-word values as TEXT.
    multiline_fields: tuple[str, ...] = ()

    def __init__(self, model: type[models.Model], admin_site: admin.AdminSite) -> None:
        self.json_fields = tuple(f for f in model._meta.fields if isinstance(f, JSONTextField))
        for field in self.json_fields:
            setattr(self, field.name + PRETTY_SUFFIX, self._pretty_display(field))
        super().__init__(model, admin_site)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, Any, Any, Any]:
        # A deletion the model's rules refuse (rules.GuardedQuerySet) is shown the way Django shows
        # protected objects: on the confirmation page, with nothing deleted.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        rows = self.model._default_manager.filter(pk__in=[obj.pk for obj in objs])
        refusal = rows.deletion_refusal() if hasattr(rows, "deletion_refusal") else None
        if refusal:
            protected = [*protected, refusal]
        return deleted, counts, perms_needed, protected

    @staticmethod
    def _pretty_display(field: JSONTextField) -> Any:
        @admin.display(description=f"{field.verbose_name} (decoded)")
        def display(obj: models.Model) -> str:
            text = getattr(obj, field.attname)
            if isinstance(text, DatabaseDefault):  # an unsaved row: the column's default applies
                text = field.db_default if isinstance(field.db_default, str) else None
            return pretty_json_html(field, text)

        return display

    def get_paginator(
        self, request: HttpRequest, queryset: QuerySet, per_page: int, *args: Any, **kwargs: Any
    ) -> Paginator:
        if issubclass(self.paginator, FastCountPaginator):
            kwargs["page_hint"] = _page_number(request)
        return self.paginator(queryset, per_page, *args, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        pretty = [field.name + PRETTY_SUFFIX for field in self.json_fields]
        return [*super().get_readonly_fields(request, obj), *pretty]

    def get_fields(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        fields = [
            name
            for name in super().get_fields(request, obj)
            if not (isinstance(name, str) and name.endswith(PRETTY_SUFFIX))
        ]
        editable = self.has_change_permission(request, obj) or (
            obj is None and self.has_add_permission(request)
        )
        shown: list[Any] = []
        for name in fields:
            if name in {f.name for f in self.json_fields}:
                if editable:
                    shown.append(name)
                shown.append(name + PRETTY_SUFFIX)
            else:
                shown.append(name)
        return shown

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: forms.ModelForm, change: bool
    ) -> None:
        # Tables whose updated_at defaults to datetime('now') were stamped by every legacy write,
        # in that format; TouchOnSave models stamp themselves.
        try:
            updated_at = obj._meta.get_field("updated_at")
        except FieldDoesNotExist:
            updated_at = None
        if change and isinstance(updated_at, models.Field) and isinstance(updated_at.db_default, DatetimeNow):
            if not isinstance(obj, TouchOnSave):
                obj.updated_at = DatetimeNow()  # type: ignore[attr-defined]  # the model has it: see get_field above
        super().save_model(request, obj, form, change)

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> FormField | None:
        # Add forms start from the legacy column defaults ('["de"]', a 30 s timeout, ...), which
        # the database would apply only if the column were left out of the INSERT.
        default = db_field.db_default
        if isinstance(default, str | int | float):
            kwargs.setdefault(
                "initial", bool(default) if isinstance(db_field, models.BooleanField) else default
            )
        if (
            isinstance(db_field, models.TextField)
            and not isinstance(db_field, JSONTextField)
            and not db_field.choices
            and db_field.name not in self.multiline_fields
        ):
            kwargs.setdefault("widget", widgets.AdminTextInputWidget(attrs={"size": 80}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class LargeTableAdmin(SublarrModelAdmin):
    """For tables that reach hundreds of thousands of rows (wanted_items, jobs, downloads, hook_log).

    Filter facets would count every filter choice over the whole table, so they are off; list
    filters on these admins use choices or flags only, never a DISTINCT over the table.
    """

    show_facets = admin.ShowFacets.NEVER
    list_per_page = 100


class ReadOnlyAdminMixin:
    """Stats, caches and logs: viewable and deletable (clearing them is safe), never added or edited."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("p", 1))
    except (TypeError, ValueError):
        return 1
