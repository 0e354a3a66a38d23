"""The base of every /api/v1 view: the legacy application's wire contract.

/api/v1 answers exactly as the legacy Flask application did (Abrechen2/sublarr at b0151c5): plain
JSON bodies without an envelope it did not have, `{"error": "..."}` for every failure, the legacy
status codes, and query parameters read the way Flask's `request.args.get(name, default, type=int)`
read them (a value that does not parse gives the default, never a 400). The API key stays required.

Many legacy routes answered `[dict(row) for row in rows]` of a `SELECT *`: `sublarr.db.rows`
reads those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, overload

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from sublarr.api.pagination import DEFAULT_PER_PAGE, MAX_PER_PAGE
from sublarr.db.fields import LegacyBooleanField

# What the legacy auth check answered (backend/auth.py): 401 with these two messages.
KEY_REQUIRED = "API key required"
KEY_INVALID = "Invalid API key"


class LegacyError(Exception):
    """Raise from a v1 view to answer `{"error": message}` with the legacy status code."""

    def __init__(self, message: str, status_code: int = status.HTTP_400_BAD_REQUEST) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def error_response(message: str, status_code: int) -> Response:
    return Response({"error": message}, status=status_code)


def _message(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.NotAuthenticated):
        return KEY_REQUIRED
    if isinstance(exc, exceptions.AuthenticationFailed):
        return KEY_INVALID
    if isinstance(exc, exceptions.ParseError):
        return "Invalid JSON body"
    detail = exc.detail
    if isinstance(detail, Mapping):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    return _flatten(detail)


def _flatten(detail: Any) -> str:
    if isinstance(detail, list):
        return "; ".join(_flatten(item) for item in detail)
    if isinstance(detail, Mapping):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    return str(detail)


def legacy_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped to the legacy body: `{"error": "..."}`, never `{"detail": ...}`."""
    if isinstance(exc, LegacyError):
        return error_response(exc.message, exc.status_code)
    if isinstance(exc, Http404):
        return error_response("Not found", status.HTTP_404_NOT_FOUND)
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    response.data = {"error": _message(exc)}
    return response


class LegacyErrorSerializer(serializers.Serializer):
    """What every /api/v1 failure answers, `{"error": "..."}`: one schema for all of them."""

    error = serializers.CharField()


class LegacyJSONRenderer(JSONRenderer):
    """JSON with every non-ASCII character escaped, as Flask's jsonify wrote it.

    The same documents either way, but escaping also lets a lone surrogate that a client sent in
    (and an endpoint echoes back) render instead of failing to encode as UTF-8.
    """

    ensure_ascii = True


class LegacyAPIView(APIView):
    """A /api/v1 endpoint: JSON in and out, legacy errors, no pagination or filter backends.

    Authentication and permissions are the project's defaults (the API key, or a staff session
    with the CSRF token the frontend's axios sends back as X-XSRF-TOKEN).
    """

    renderer_classes = [LegacyJSONRenderer]
    parser_classes = [JSONParser]
    filter_backends: list[type] = []
    pagination_class = None

    def get_exception_handler(self) -> Any:
        return legacy_exception_handler


@overload
def query_int(request: Request, name: str, default: int) -> int: ...
@overload
def query_int(request: Request, name: str, default: None = None) -> int | None: ...
def query_int(request: Request, name: str, default: int | None = None) -> int | None:
    """`request.args.get(name, default, type=int)`: a missing or unparsable value gives the default."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


def query_bool(request: Request, name: str, default: bool = False) -> bool:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any path under /api/ that no view claims: JSON, never the HTML 404 page."""
    return JsonResponse({"error": "Not found"}, status=status.HTTP_404_NOT_FOUND)


def require_json(request: Request) -> None:
    """Flask's `request.get_json()` (not silent): a body not declared as JSON is a 415."""
    mimetype = (request.content_type or "").split(";")[0].strip().lower()
    if mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json")):
        return
    raise LegacyError(
        "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    )


class _Columns:
    """A model's rows read with values() as legacy `dict(row)` gave them (row_dicts)."""

    def __init__(self, model: type[Model]) -> None:
        fields = model._meta.concrete_fields
        self.names = [field.attname for field in fields]
        self.renamed = [
            (field.attname, field.column)
            for field in fields
            if field.column is not None and field.attname != field.column  # None: never, for a concrete field
        ]
        self.flags = [field.attname for field in fields if isinstance(field, LegacyBooleanField)]
        self.pk = model._meta.pk.attname

    def legacy(self, row: dict[str, Any]) -> dict[str, Any]:
        for name in self.flags:
            if row[name] is not None:
                row[name] = int(row[name])
        for name, column in self.renamed:
            row[column] = row.pop(name)
        return row


@dataclass(frozen=True)
class LegacyPage:
    """One page of a legacy list and its envelope: {"data", "page", "per_page", "total", "total_pages"}."""

    rows: list[dict[str, Any]]  # as row_dicts gives them
    page: int
    per_page: int
    total: int

    def envelope(self, data: list[Any]) -> dict[str, Any]:
        return {
            "data": data,
            "page": self.page,
            "per_page": self.per_page,
            "total": self.total,
            "total_pages": max(1, -(-self.total // self.per_page)),
        }


def legacy_page(request: Request, queryset: QuerySet[Any], newest_first: str) -> LegacyPage:
    """A page of `queryset` in legacy's `ORDER BY <newest_first> DESC`, read as legacy lists read it.

    `page` and `per_page` are Flask `type=int` parameters (default 1 and 50) and per_page is capped
    at 200. The page number is echoed as given; one below 1 reads from the start, as SQLite reads
    the negative OFFSET legacy computed for it. A per_page below 1 reads as 1: legacy crashed on 0
    (a division by zero, a 500) and lifted the limit for a negative value (SQLite's LIMIT -1).
    Rows come as row_dicts gives them, read without building model instances (a
    third of the time of a 50-row page).
    """
    page = query_int(request, "page", 1) or 0
    per_page = max(1, min(query_int(request, "per_page", DEFAULT_PER_PAGE) or 0, MAX_PER_PAGE))
    total = queryset.count()
    offset = max(0, (page - 1) * per_page)
    rows = newest_first_rows(queryset, newest_first, offset, per_page) if offset < total else []
    return LegacyPage(rows, page, per_page, total)


# Up to this offset a page is read with its rows in one query; deeper, its keys first and then
# its rows: the skipped entries are read from the index alone, not from the table.
DIRECT_OFFSET = 1_000


def newest_first_rows(queryset: QuerySet[Any], column: str, offset: int, limit: int) -> list[dict[str, Any]]:
    """Rows offset..offset+limit of `ORDER BY column DESC`, equal values in ascending key order.

    That tie order is legacy's: SQLite sorted a rowid-ordered scan stably. An index on (column,
    key) gives only "column DESC, key DESC" cheaply (SQLite sorts a mixed direction with a temp
    B-tree, 40x slower at page 1000 of 200,000 rows), so the page is read in that order, one row
    wider on each side, and each run of equal values in it is reversed. Where a run crosses the
    page's edge, which of its rows belong on this page depends on the tie order, and the page is
    read again in exactly legacy's order.
    """
    columns = _Columns(queryset.model)
    start = max(offset - 1, 0)
    stop = offset + limit + 1
    by_index = queryset.order_by(f"-{column}", "-pk")
    direct = offset < DIRECT_OFFSET
    window = list(
        by_index.values(*columns.names)[start:stop]
        if direct
        else by_index.values(columns.pk, column)[start:stop]
    )
    first = offset - start
    on_page = window[first : first + limit]
    if not on_page:
        return []
    edge_before = first > 0 and window[first - 1][column] == on_page[0][column]
    edge_after = len(window) > first + limit and window[first + limit][column] == on_page[-1][column]
    if edge_before or edge_after:
        exact = queryset.order_by(f"-{column}", "pk")
        if direct:
            return [columns.legacy(row) for row in exact.values(*columns.names)[offset : offset + limit]]
        on_page = list(exact.values(columns.pk)[offset : offset + limit])
    else:
        ordered: list[dict[str, Any]] = []
        run: list[dict[str, Any]] = []
        for row in on_page:
            if run and run[-1][column] != row[column]:
                ordered.extend(reversed(run))
                run = []
            run.append(row)
        on_page = [*ordered, *reversed(run)]
        if direct:
            return [columns.legacy(row) for row in on_page]
    keys = [row[columns.pk] for row in on_page]
    found = {row[columns.pk]: row for row in queryset.order_by().filter(pk__in=keys).values(*columns.names)}
    return [columns.legacy(found[key]) for key in keys if key in found]


# Bodies: JSON objects, find/save/delete the legacy way.


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
