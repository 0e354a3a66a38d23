"""Wanted-list operations that are more than one row: the summary and the bulk upsert.

The bulk upsert keeps legacy `upsert_wanted_item` semantics, batched: an item matches a row on
file_path + target_language + subtitle_type (an empty target language matches '' or NULL); a
matched row gets every given field and its status back to 'wanted', except that an 'ignored'
row stays ignored; an unmatched item is inserted as 'wanted'.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Count

from apps.core.models import SubtitleType, WantedItem
from sublarr.db.fields import now_iso

# 5,000 typical items (~1.3 MB) stay under Django's 2.5 MB request body limit
# (DATA_UPLOAD_MAX_MEMORY_SIZE), which DRF's JSON parser enforces.
BULK_MAX_ITEMS = 5_000

_TEXT_FIELDS = ("title", "season_episode", "existing_sub", "target_language", "instance_name")
_ID_FIELDS = (
    "sonarr_series_id",
    "sonarr_episode_id",
    "radarr_movie_id",
    "standalone_series_id",
    "standalone_movie_id",
)
_ITEM_TYPES = frozenset(WantedItem.ItemType.values)
_SUBTITLE_TYPES = frozenset(SubtitleType.values)
# The columns an upsert writes, in the order of BulkItem.values and of the UPDATE's parameters.
_WRITTEN = (
    "item_type",
    *_TEXT_FIELDS,
    *_ID_FIELDS,
    "missing_languages",
    "upgrade_candidate",
    "current_score",
    "subtitle_type",
)
_LANGUAGE = _WRITTEN.index("target_language")
_SUBTITLE_TYPE = _WRITTEN.index("subtitle_type")
# What an item leaves out: the values a legacy upsert_wanted_item call defaulted to.
_DEFAULTS: dict[str, Any] = {
    "item_type": None,
    "file_path": None,
    **dict.fromkeys(_TEXT_FIELDS, ""),
    **dict.fromkeys(_ID_FIELDS),
    "missing_languages": None,
    "upgrade_candidate": False,
    "current_score": 0,
    "subtitle_type": SubtitleType.FULL.value,
}
_written = itemgetter(*_WRITTEN)
_NoneType = type(None)
_ID_TYPES = frozenset({int, _NoneType})  # type() is exact: a bool is not an id

Key = tuple[str, str, str]


class BulkItem(NamedTuple):
    file_path: str
    values: tuple[Any, ...]  # the _WRITTEN columns as legacy stored them: JSON text, 0/1

    @property
    def key(self) -> Key:
        return self.file_path, self.values[_LANGUAGE], self.values[_SUBTITLE_TYPE]


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    kept_ignored: int


class BulkValidationError(Exception):
    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("invalid wanted items")
        self.errors = errors


class _LanguagesText(dict[tuple[str, ...], str]):
    """missing_languages as legacy's json.dumps wrote it, encoded once per distinct list.

    A scan sends the same few lists ("de", "de, en") thousands of times.
    """

    def __missing__(self, languages: tuple[str, ...]) -> str:
        text = self[languages] = json.dumps(list(languages))
        return text


def clean_item(
    raw: Any, languages_text: _LanguagesText | None = None
) -> tuple[BulkItem | None, dict[str, list[str]]]:
    """One item with legacy defaults filled in and its values as stored, or its field errors.

    Written out by hand rather than with a DRF serializer: a serializer costs ~100 µs per item,
    which alone would eat the batch's speed-up over per-row commits. Types are checked with
    type(), exact as JSON gives them; unknown fields are ignored, as a serializer ignores them.
    """
    if type(raw) is not dict:
        return None, {"non_field_errors": ["Expected an object."]}
    item = {**_DEFAULTS, **raw}
    errors: dict[str, list[str]] = {}
    item_type = item["item_type"]
    if type(item_type) is not str or item_type not in _ITEM_TYPES:
        errors["item_type"] = [f"Expected one of {sorted(_ITEM_TYPES)}."]
    file_path = item["file_path"]
    if type(file_path) is not str or not file_path:
        errors["file_path"] = ["A non-empty string is required."]
    for name in _TEXT_FIELDS:
        value = item[name]
        if type(value) is not str:
            if value is None:
                item[name] = ""
            else:
                errors[name] = ["Expected a string."]
    if not {type(item[name]) for name in _ID_FIELDS} <= _ID_TYPES:
        for name in _ID_FIELDS:
            if type(item[name]) not in _ID_TYPES:
                errors[name] = ["Expected an integer or null."]
    languages = item["missing_languages"]
    if languages is None:
        languages = ()
    elif type(languages) is not list or not {type(code) for code in languages} <= {str}:
        errors["missing_languages"] = ["Expected a list of strings."]
    upgrade = item["upgrade_candidate"]
    if type(upgrade) is not bool:
        errors["upgrade_candidate"] = ["Expected a boolean."]
    if type(item["current_score"]) is not int:
        errors["current_score"] = ["Expected an integer."]
    subtitle_type = item["subtitle_type"]
    if type(subtitle_type) is not str or subtitle_type not in _SUBTITLE_TYPES:
        errors["subtitle_type"] = [f"Expected one of {sorted(_SUBTITLE_TYPES)}."]
    if errors:
        return None, errors
    if languages_text is None:
        languages_text = _LanguagesText()
    item["missing_languages"] = languages_text[tuple(languages)]
    item["upgrade_candidate"] = int(upgrade)
    return BulkItem(file_path, _written(item)), errors


def clean_items(raw_items: Any) -> list[BulkItem]:
    """All items cleaned, or BulkValidationError naming each bad item by its index."""
    if type(raw_items) is not list:
        raise BulkValidationError({"items": ["Expected a list of wanted items."]})
    if len(raw_items) > BULK_MAX_ITEMS:
        raise BulkValidationError({"items": [f"At most {BULK_MAX_ITEMS} items per request."]})
    items, errors = [], {}
    languages_text = _LanguagesText()
    for index, raw in enumerate(raw_items):
        item, item_errors = clean_item(raw, languages_text)
        if item is None:
            errors[str(index)] = item_errors
        else:
            items.append(item)
    if errors:
        raise BulkValidationError({"items": errors})
    return items


class _Row(NamedTuple):
    id: int
    status: str
    stored: tuple[Any, ...]  # the _WRITTEN columns as the row holds them


def _existing(file_paths: Iterable[str]) -> dict[Key, _Row]:
    """The row each key matches, read in one query per parameter limit over the file_path index.

    Raw SQL: the ORM spends ~30 µs preparing each value of a large IN list. An empty or NULL
    target_language both match ''; the oldest row wins where legacy left duplicates.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("id", "file_path", "status", *_WRITTEN))
    select = f"SELECT {columns} FROM {quote(WantedItem._meta.db_table)} WHERE {quote('file_path')} IN "
    paths = sorted(set(file_paths))
    # SQLite's bound-variable limit (999 before 3.32); PostgreSQL has none that 5,000 items reach.
    chunk = connection.features.max_query_params or len(paths) or 1
    found: dict[Key, _Row] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(paths), chunk):
            part = paths[start : start + chunk]
            cursor.execute(f"{select}({', '.join(['%s'] * len(part))})", part)
            for row in cursor.fetchall():
                stored = row[3:]
                key = (row[1], stored[_LANGUAGE] or "", stored[_SUBTITLE_TYPE] or "")
                known = found.get(key)
                if known is None or row[0] < known.id:
                    found[key] = _Row(row[0], row[2], stored)
    return found


_INSERTED = (
    *_WRITTEN,
    "file_path",
    "status",
    "last_search_at",
    "search_count",
    "error",
    "added_at",
    "updated_at",
)


# Rows per INSERT statement; fewer where the database's parameter limit requires (SQLite before
# 3.32 allows 999 bound variables).
_ROWS_PER_INSERT = 100


def _insert(cursor: CursorWrapper, rows: list[tuple[Any, ...]]) -> None:
    """INSERT rows a hundred per statement: executemany of one multi-row INSERT, then the rest.

    Against one statement per row this takes a third less time: SQLite updates the AUTOINCREMENT
    counter (sqlite_sequence) once per statement, and the per-statement work goes too. Against
    one statement for all rows, the SQL stays short: Django rewrites each statement's
    placeholders with a regular expression, which costs ~20 ms on a 2,500-row statement.
    """
    limit = connection.features.max_query_params or _ROWS_PER_INSERT * len(_INSERTED)
    per_statement = max(1, min(_ROWS_PER_INSERT, limit // len(_INSERTED)))
    whole = len(rows) - len(rows) % per_statement
    if whole:
        cursor.executemany(
            _insert_sql(per_statement),
            [
                list(chain.from_iterable(rows[start : start + per_statement]))
                for start in range(0, whole, per_statement)
            ],
        )
    if whole < len(rows):
        cursor.execute(_insert_sql(len(rows) - whole), list(chain.from_iterable(rows[whole:])))


def _insert_sql(row_count: int) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in _INSERTED)
    row = f"({', '.join(['%s'] * len(_INSERTED))})"
    return f"INSERT INTO {quote(WantedItem._meta.db_table)} ({columns}) VALUES {', '.join([row] * row_count)}"


def _update_sql(columns: tuple[str, ...], reset_status: bool) -> str:
    quote = connection.ops.quote_name
    assignments = [f"{quote(name)} = %s" for name in (*columns, "updated_at")]
    if reset_status:
        # Decided in the UPDATE itself too, so a row set to 'ignored' since it was read stays so.
        status = quote("status")
        assignments.append(f"{status} = CASE WHEN {status} = 'ignored' THEN {status} ELSE 'wanted' END")
    return f"UPDATE {quote(WantedItem._meta.db_table)} SET {', '.join(assignments)} WHERE {quote('id')} = %s"


def _changed(values: tuple[Any, ...], stored: tuple[Any, ...]) -> tuple[int, ...]:
    """The positions in _WRITTEN whose value changes.

    Writing only changed columns spares the index updates of unchanged indexed columns (status,
    item_type, the Sonarr/Radarr ids): a re-scan mostly sends what is stored already.
    """
    if values == stored:
        return ()
    return tuple(i for i, (new, old) in enumerate(zip(values, stored, strict=True)) if new != old)


def bulk_upsert(items: list[BulkItem]) -> UpsertResult:
    """Upsert cleaned items in one transaction: all of them, or none on an error."""
    # Two items with the same key in one batch: the later one wins, as two legacy calls would.
    by_key = {item.key: item for item in items}
    now = now_iso()
    wanted, ignored = WantedItem.Status.WANTED.value, WantedItem.Status.IGNORED.value
    with transaction.atomic():
        existing = _existing(item.file_path for item in by_key.values())
        inserts: list[tuple[Any, ...]] = []
        updates: dict[tuple[tuple[int, ...], bool], list[tuple[Any, ...]]] = defaultdict(list)
        kept_ignored = 0
        for key, item in by_key.items():
            row = existing.get(key)
            if row is None:
                inserts.append((*item.values, item.file_path, wanted, "", 0, "", now, now))
                continue
            kept_ignored += row.status == ignored
            changed = _changed(item.values, row.stored)
            reset_status = row.status != wanted and row.status != ignored
            # Every matched row gets updated_at, as every legacy upsert wrote it.
            updates[(changed, reset_status)].append((*[item.values[i] for i in changed], now, row.id))
        # Plain SQL: bulk_create's SQL building alone costs more per row than SQLite's whole
        # insert. Updates: executemany of one prepared statement per set of changed columns, in id
        # order, so the table's pages are visited once each.
        with connection.cursor() as cursor:
            _insert(cursor, inserts)
            for (changed, reset_status), params in updates.items():
                columns = tuple(_WRITTEN[i] for i in changed)
                params.sort(key=itemgetter(-1))
                cursor.executemany(_update_sql(columns, reset_status), params)
    updated = sum(len(params) for params in updates.values())
    return UpsertResult(inserted=len(inserts), updated=updated, kept_ignored=kept_ignored)


def summary() -> dict[str, Any]:
    """Counts by status, type and subtitle type, and the upgrade candidates (legacy wanted summary)."""
    rows = WantedItem.objects.order_by()

    def grouped(column: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        # Legacy rows hold both NULL and '' for "no value"; legacy reported them as "none".
        for value, n in rows.values_list(column).annotate(n=Count("id")):
            counts[value or "none"] = counts.get(value or "none", 0) + n
        return counts

    by_status = grouped("status")
    return {
        "total": sum(by_status.values()),
        "by_status": by_status,
        "by_type": grouped("item_type"),
        "by_subtitle_type": grouped("subtitle_type"),
        "by_existing": grouped("existing_sub"),
        "upgradeable": rows.filter(upgrade_candidate=True).count(),
    }
