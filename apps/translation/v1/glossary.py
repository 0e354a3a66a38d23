"""/api/v1 glossary entries of a series: list or search, create, update, delete (legacy contract).

Legacy routes/profiles.py and db/translation.py: entries are returned as stored rows; a list
needs a series_id; a search matches the source or the target term.
"""

from __future__ import annotations

import re

from django.db.models import Q
from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.translation.models import GlossaryEntry
from sublarr.api.legacy import (
    LegacyAPIView,
    LegacyError,
    LegacyErrorSerializer,
    body_text,
    find_or_404,
    json_object,
    query_int,
)
from sublarr.db.fields import now_iso
from sublarr.db.rows import row_dict, row_dicts

Entry = inline_serializer(
    "LegacyGlossaryEntry",
    {
        "id": serializers.IntegerField(),
        "series_id": serializers.IntegerField(),
        "source_term": serializers.CharField(),
        "target_term": serializers.CharField(),
        "notes": serializers.CharField(allow_null=True),
        "created_at": serializers.CharField(),
        "updated_at": serializers.CharField(),
    },
)
EntryBody = inline_serializer(
    "LegacyGlossaryEntryBody",
    {
        "series_id": serializers.IntegerField(),
        "source_term": serializers.CharField(),
        "target_term": serializers.CharField(),
        "notes": serializers.CharField(required=False),
    },
)
EntryChanges = inline_serializer(
    "LegacyGlossaryEntryChanges",
    {
        "source_term": serializers.CharField(required=False),
        "target_term": serializers.CharField(required=False),
        "notes": serializers.CharField(required=False),
    },
)
Deleted = inline_serializer(
    "GlossaryDeleted", {"status": serializers.CharField(), "id": serializers.IntegerField()}
)
MAX_ID = 2**63


def sqlite_like_regex(query: str) -> str:
    """A regular expression matching what legacy's `term LIKE '%query%'` matched on SQLite.

    SQLite's LIKE folds the case of ASCII letters only ("MANA" finds "Mana", "DÄMON" does not
    find "Dämon") and reads % and _ as wildcards; PostgreSQL's ILIKE/UPPER fold every letter.
    The same regular expression on both databases keeps the answer the same on both.
    """
    parts = ["(?s)"]  # "_" matches a newline too, as in LIKE
    for char in query:
        if char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        elif char.isascii() and char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


class GlossaryListView(LegacyAPIView):
    @extend_schema(
        summary="List or search a series' glossary",
        parameters=[
            OpenApiParameter("series_id", int, required=True),
            OpenApiParameter("query", str, description="Text in the source or target term."),
        ],
        responses={
            200: inline_serializer(
                "LegacyGlossary",
                {"entries": serializers.ListField(child=Entry), "series_id": serializers.IntegerField()},
            ),
            400: LegacyErrorSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        series_id = query_int(request, "series_id")
        if not series_id or not -MAX_ID <= series_id < MAX_ID:
            raise LegacyError("series_id is required")
        query = request.query_params.get("query", "").strip()
        entries = GlossaryEntry.objects.filter(series_id=series_id)
        if query:
            pattern = sqlite_like_regex(query)
            entries = entries.filter(Q(source_term__regex=pattern) | Q(target_term__regex=pattern))
            entries = entries.order_by("source_term", "id")
        else:
            entries = entries.order_by("source_term", "created_at", "id")
        return Response({"entries": row_dicts(entries), "series_id": series_id})

    @extend_schema(
        summary="Add a glossary entry", request=EntryBody, responses={201: Entry, 400: LegacyErrorSerializer}
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        series_id = data.get("series_id")
        if not series_id or isinstance(series_id, bool) or not isinstance(series_id, int):
            raise LegacyError("series_id is required")
        if not -MAX_ID <= series_id < MAX_ID:
            raise LegacyError("series_id is out of range")
        terms = "source_term and target_term are required"
        source, target = body_text(data, "source_term", terms), body_text(data, "target_term", terms)
        if not source or not target:
            raise LegacyError(terms)
        notes = body_text(data, "notes", "notes must be a string") or ""
        now = now_iso()
        entry = GlossaryEntry.objects.create(
            series_id=series_id,
            source_term=source,
            target_term=target,
            notes=notes,
            created_at=now,
            updated_at=now,
        )
        return Response(row_dict(entry), status=status.HTTP_201_CREATED)


class GlossaryDetailView(LegacyAPIView):
    @extend_schema(
        summary="Change a glossary entry",
        request=EntryChanges,
        responses={200: Entry, 400: LegacyErrorSerializer, 404: LegacyErrorSerializer},
    )
    def put(self, request: Request, entry_id: str) -> Response:
        entry = find_or_404(GlossaryEntry.objects, entry_id, "Entry not found")
        data = json_object(request)
        changes = {
            key: value
            for key in ("source_term", "target_term", "notes")
            if (value := body_text(data, key, f"{key} must be a string")) is not None
        }
        if not changes:
            raise LegacyError("No fields to update")
        GlossaryEntry.objects.filter(pk=entry.pk).update(**changes, updated_at=now_iso())
        return Response(row_dict(entry))

    @extend_schema(
        summary="Delete a glossary entry", request=None, responses={200: Deleted, 404: LegacyErrorSerializer}
    )
    def delete(self, request: Request, entry_id: str) -> Response:
        entry = find_or_404(GlossaryEntry.objects, entry_id, "Entry not found")
        entry.delete()
        return Response({"status": "deleted", "id": int(entry_id)})


urlpatterns = [
    re_path(r"^glossary/?$", GlossaryListView.as_view(), name="v1-glossary"),
    re_path(r"^glossary/(?P<entry_id>\d+)/?$", GlossaryDetailView.as_view(), name="v1-glossary-entry"),
]
