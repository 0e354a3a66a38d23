"""Wanted-list operations that are more than one row: the summary and the bulk upsert.

The bulk upsert keeps legacy `upsert_wanted_item` semantics, batched: an item matches a row on
file_path + target_language + subtitle_type (an empty target language matches '' or NULL); a
matched row gets every given field and its status back to 'wanted', except that an 'ignored'
row stays ignored; an unmatched item is inserted as 'wanted'.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count

from apps.core.fields import now_iso
from apps.core.models import SubtitleType, WantedItem

# 5,000 typical items stay under Django's 2.5 MB request body limit (DATA_UPLOAD_MAX_MEMORY_SIZE).
BULK_MAX_ITEMS = 5_000
# SQLite before 3.32 allows 999 bound variables per statement; stay under it for file_path IN (...).
_LOOKUP_CHUNK = 900

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
# The columns an upsert writes, in the order of the UPDATE statement's parameters.
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
_UPGRADE = _WRITTEN.index("upgrade_candidate")

Key = tuple[str, str, str]


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    kept_ignored: int


class BulkValidationError(Exception):
    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("invalid wanted items")
        self.errors = errors


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def clean_item(raw: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """One item's values with legacy defaults filled in, and its field errors.

    Written out by hand rather than with a DRF serializer: a serializer costs ~100 µs per item,
    which alone would eat the batch's speed-up over per-row commits.
    """
    if not isinstance(raw, Mapping):
        return {}, {"non_field_errors": ["Expected an object."]}
    errors: dict[str, list[str]] = {}
    item: dict[str, Any] = {}
    item_type = raw.get("item_type")
    if not isinstance(item_type, str) or item_type not in _ITEM_TYPES:
        errors["item_type"] = [f"Expected one of {sorted(_ITEM_TYPES)}."]
    item["item_type"] = item_type
    file_path = raw.get("file_path")
    if not isinstance(file_path, str) or not file_path:
        errors["file_path"] = ["A non-empty string is required."]
    item["file_path"] = file_path
    for name in _TEXT_FIELDS:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            errors[name] = ["Expected a string."]
        item[name] = value or ""
    for name in _ID_FIELDS:
        value = raw.get(name)
        if value is not None and not _is_int(value):
            errors[name] = ["Expected an integer or null."]
        item[name] = value
    languages = raw.get("missing_languages")
    if languages is None:
        languages = []
    if not isinstance(languages, list) or not all(isinstance(code, str) for code in languages):
        errors["missing_languages"] = ["Expected a list of strings."]
    item["missing_languages"] = languages
    upgrade = raw.get("upgrade_candidate", False)
    if not isinstance(upgrade, bool):
        errors["upgrade_candidate"] = ["Expected a boolean."]
    item["upgrade_candidate"] = upgrade
    score = raw.get("current_score", 0)
    if not _is_int(score):
        errors["current_score"] = ["Expected an integer."]
    item["current_score"] = score
    subtitle_type = raw.get("subtitle_type", SubtitleType.FULL)
    if not isinstance(subtitle_type, str) or subtitle_type not in _SUBTITLE_TYPES:
        errors["subtitle_type"] = [f"Expected one of {sorted(_SUBTITLE_TYPES)}."]
    item["subtitle_type"] = subtitle_type
    return item, errors


def clean_items(raw_items: Any) -> list[dict[str, Any]]:
    """All items cleaned, or BulkValidationError naming each bad item by its index."""
    if not isinstance(raw_items, list):
        raise BulkValidationError({"items": ["Expected a list of wanted items."]})
    if len(raw_items) > BULK_MAX_ITEMS:
        raise BulkValidationError({"items": [f"At most {BULK_MAX_ITEMS} items per request."]})
    items, errors = [], {}
    for index, raw in enumerate(raw_items):
        item, item_errors = clean_item(raw)
        if item_errors:
            errors[str(index)] = item_errors
        items.append(item)
    if errors:
        raise BulkValidationError({"items": errors})
    return items


def _key(file_path: str, target_language: str | None, subtitle_type: str | None) -> Key:
    return file_path, target_language or "", subtitle_type or ""


@dataclass(frozen=True)
class _Row:
    id: int
    status: str
    stored: tuple[Any, ...]  # the _WRITTEN columns as the row holds them


def _existing(file_paths: Iterable[str]) -> dict[Key, _Row]:
    """The row each key matches; the oldest one when legacy left duplicates."""
    found: dict[Key, _Row] = {}
    paths = sorted(set(file_paths))
    for start in range(0, len(paths), _LOOKUP_CHUNK):
        rows = (
            WantedItem.objects.filter(file_path__in=paths[start : start + _LOOKUP_CHUNK])
            .order_by("id")
            .values_list("id", "file_path", "status", *_WRITTEN)
        )
        for row_id, path, status, *stored in rows:
            key = _key(path, stored[_LANGUAGE], stored[_SUBTITLE_TYPE])
            stored[_UPGRADE] = None if stored[_UPGRADE] is None else int(stored[_UPGRADE])
            found.setdefault(key, _Row(row_id, status, tuple(stored)))
    return found


_INSERTED = (*_WRITTEN, "file_path", "status", "last_search_at", "search_count", "error", "added_at", "updated_at")


def _insert_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in _INSERTED)
    return f"INSERT INTO {quote(WantedItem._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(_INSERTED))})"


def _insert_params(item: Mapping[str, Any], now: str) -> tuple[Any, ...]:
    return (*_written_values(item), item["file_path"], WantedItem.Status.WANTED, "", 0, "", now, now)


def _update_sql(columns: tuple[str, ...], reset_status: bool) -> str:
    quote = connection.ops.quote_name
    assignments = [f"{quote(name)} = %s" for name in (*columns, "updated_at")]
    if reset_status:
        # Decided in the UPDATE itself too, so a row set to 'ignored' since it was read stays so.
        status = quote("status")
        assignments.append(f"{status} = CASE WHEN {status} = 'ignored' THEN {status} ELSE 'wanted' END")
    return f"UPDATE {quote(WantedItem._meta.db_table)} SET {', '.join(assignments)} WHERE {quote('id')} = %s"


def _written_values(item: Mapping[str, Any]) -> list[Any]:
    """The _WRITTEN columns' values as stored: JSON text and 0/1, as legacy wrote them."""
    values = [item[name] for name in _WRITTEN]
    values[_WRITTEN.index("missing_languages")] = json.dumps(item["missing_languages"])
    values[_WRITTEN.index("upgrade_candidate")] = int(item["upgrade_candidate"])
    return values


def _plan_update(item: Mapping[str, Any], row: _Row) -> tuple[tuple[str, ...], bool, list[Any]]:
    """The columns whose value changes, whether the status goes back to 'wanted', the new values.

    Writing only changed columns spares the index updates of unchanged indexed columns (status,
    item_type, the Sonarr/Radarr ids): a re-scan mostly sends what is stored already.
    """
    values = _written_values(item)
    changed = [i for i, (new, old) in enumerate(zip(values, row.stored, strict=True)) if new != old]
    reset_status = row.status not in (WantedItem.Status.WANTED, WantedItem.Status.IGNORED)
    return tuple(_WRITTEN[i] for i in changed), reset_status, [values[i] for i in changed]


def bulk_upsert(items: list[dict[str, Any]]) -> UpsertResult:
    """Upsert cleaned items in one transaction: all of them, or none on an error."""
    # Two items with the same key in one batch: the later one wins, as two legacy calls would.
    by_key = {_key(i["file_path"], i["target_language"], i["subtitle_type"]): i for i in items}
    now = now_iso()
    with transaction.atomic():
        existing = _existing(item["file_path"] for item in by_key.values())
        inserts: list[tuple[Any, ...]] = []
        updates: dict[tuple[tuple[str, ...], bool], list[tuple[Any, ...]]] = defaultdict(list)
        kept_ignored = 0
        for key, item in by_key.items():
            row = existing.get(key)
            if row is None:
                inserts.append(_insert_params(item, now))
                continue
            kept_ignored += row.status == WantedItem.Status.IGNORED
            columns, reset_status, values = _plan_update(item, row)
            # Every matched row gets updated_at, as every legacy upsert wrote it.
            updates[(columns, reset_status)].append((*values, now, row.id))
        # executemany with prepared statements: bulk_create's SQL building alone costs more per
        # row than SQLite's whole insert. One statement per set of changed columns.
        with connection.cursor() as cursor:
            if inserts:
                cursor.executemany(_insert_sql(), inserts)
            for (columns, reset_status), params in updates.items():
                cursor.executemany(_update_sql(columns, reset_status), sorted(params, key=lambda p: p[-1]))
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
