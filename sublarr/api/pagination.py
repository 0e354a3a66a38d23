"""The legacy list envelope: {"data": [...], "page", "per_page", "total", "total_pages"}.

Parameters are read as legacy Flask read them (`request.args.get("page", 1, type=int)`): a value
that is not an integer falls back to the default, per_page is capped at 200, and a page past the
end gives an empty `data`, never a 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def _int_param(request: Request, name: str, default: int) -> int:
    try:
        return int(request.query_params.get(name, default))
    except (TypeError, ValueError):
        return default


def fetch_page(queryset: QuerySet[Any], offset: int, limit: int) -> list[Model]:
    """One page of rows, found by primary key first.

    The key-only query walks an index (the ordering's index holds the key) and skips `offset`
    entries without reading table rows; the rows themselves are read for this page only. So page
    1000 costs about what page 1 costs, where a plain LIMIT/OFFSET reads every skipped row.
    """
    keys = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    if not keys:
        return []
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    return [rows[key] for key in keys if key in rows]


class LegacyPagination(BasePagination):
    page_query_param = "page"
    page_size_query_param = "per_page"

    # Narrower than DRF's signature on purpose: the pages are found by key (fetch_page), so only a
    # model QuerySet can be paged, never the plain sequence BasePagination also allows.
    def paginate_queryset(  # type: ignore[override]  # pages a model QuerySet only, found by key
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Model]:
        self.page = max(_int_param(request, "page", 1), 1)
        self.per_page = min(max(_int_param(request, "per_page", DEFAULT_PER_PAGE), 1), MAX_PER_PAGE)
        self.total = queryset.count()
        offset = (self.page - 1) * self.per_page
        if offset >= self.total:
            return []
        return fetch_page(queryset, offset, self.per_page)

    def total_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def get_paginated_response(self, data: Sequence[Any]) -> Response:
        return Response(
            {
                "data": data,
                "page": self.page,
                "per_page": self.per_page,
                "total": self.total,
                "total_pages": self.total_pages(),
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["data", "page", "per_page", "total", "total_pages"],
            "properties": {
                "data": schema,
                "page": {"type": "integer", "example": 1},
                "per_page": {"type": "integer", "example": DEFAULT_PER_PAGE},
                "total": {"type": "integer", "example": 120},
                "total_pages": {"type": "integer", "example": 3},
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "per_page",
                "required": False,
                "in": "query",
                "description": f"Rows per page (default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            },
        ]
