"""The one base of every /api/v2 per-table viewset.

Each table's viewset spells out its queryset, serializer, filters and ordering; what they all
share lives here: integer primary keys in the URL unless the table says otherwise (`TEXT_ID`),
and the model's own rules (a second default profile, the last preset, ...) answering as a 400
with the rule's message, whichever entry point broke them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

# URL lookups: most legacy tables have INTEGER ids; a few are keyed by a name, path or date.
INT_ID = r"\d+"
TEXT_ID = r"[^/]+"
# DRF's own default, kept for the tables whose ids are generated hex strings (jobs).
DEFAULT_ID = r"[^/.]+"


# No docstrings on these bases: drf-spectacular would print them on every operation of every table.
class TableViewSetMixin:
    lookup_value_regex = INT_ID

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, DjangoValidationError):
            exc = ValidationError(as_serializer_error(exc))
        return super().handle_exception(exc)  # type: ignore[misc]  # a mixin: the view under it has it


# A table people edit: list, retrieve, create, update, delete.
class TableViewSet(TableViewSetMixin, viewsets.ModelViewSet):
    pass


# A table the application writes: list and retrieve.
class ReadOnlyTableViewSet(TableViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


# A table the application writes, whose rows a person may delete.
class DeletableReadOnlyTableViewSet(mixins.DestroyModelMixin, ReadOnlyTableViewSet):
    pass


# A table exposed through a chosen set of mixins.
class TableGenericViewSet(TableViewSetMixin, viewsets.GenericViewSet):
    pass
