"""/api/v1 scoring: /scoring/weights, /scoring/modifiers (legacy contract, backend/routes/hooks.py).

Legacy cast every value with `int()` and failed with a 500 on text; here a value that is not a whole
number is a 400 naming it, and nothing of the request is stored.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.providers.models import DEFAULT_WEIGHTS, ProviderScoreModifier, ScoringWeights
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer

INT_MAP = serializers.DictField(child=serializers.IntegerField())
WEIGHTS = inline_serializer(
    "V1ScoringWeights",
    {
        "episode": INT_MAP,
        "movie": INT_MAP,
        "defaults": inline_serializer("V1ScoringDefaults", {"episode": INT_MAP, "movie": INT_MAP}),
    },
)
WEIGHTS_IN = inline_serializer(
    "V1ScoringWeightsUpdate", {"episode": INT_MAP, "movie": INT_MAP}, required=False
)
MODIFIERS = {"type": "object", "additionalProperties": {"type": "integer"}}


def whole_number(value: Any) -> int | None:
    """`int(value)` where legacy's cast gave a meaningful number: ints, whole floats, digit text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def whole_numbers(mapping: dict[str, Any], prefix: str = "") -> dict[str, int]:
    numbers: dict[str, int] = {}
    bad: list[str] = []
    for key, value in mapping.items():
        number = whole_number(value)
        if number is None:
            bad.append(f"{prefix}{key}")
        else:
            numbers[key] = number
    if bad:
        raise LegacyError(f"Values must be whole numbers: {', '.join(bad)}")
    return numbers


def body_object(request: Request) -> dict[str, Any]:
    data = request.data
    if data in (None, b"", ""):
        return {}
    if not isinstance(data, dict):
        raise LegacyError("Request body must be a JSON object")
    return data


def weights_body() -> dict[str, Any]:
    merged = ScoringWeights.objects.merged()
    return {"episode": merged["episode"], "movie": merged["movie"], "defaults": DEFAULT_WEIGHTS}


class ScoringWeightsView(LegacyAPIView):
    """The scoring weights with the defaults merged in; PUT overrides, DELETE resets."""

    @extend_schema(operation_id="v1_scoring_weights", responses={200: WEIGHTS})
    def get(self, request: Request) -> Response:
        return Response(weights_body())

    @extend_schema(
        operation_id="v1_scoring_weights_update",
        request=WEIGHTS_IN,
        responses={200: WEIGHTS, 400: LegacyErrorSerializer},
    )
    def put(self, request: Request) -> Response:
        data = body_object(request)
        # Legacy ignored a type whose value was not an object.
        updates = {
            score_type: whole_numbers(data[score_type], f"{score_type}.")
            for score_type in ("episode", "movie")
            if isinstance(data.get(score_type), dict)
        }
        with transaction.atomic():
            for score_type, weights in updates.items():
                ScoringWeights.objects.set_weights(score_type, weights)
        return Response(weights_body())

    @extend_schema(operation_id="v1_scoring_weights_reset", responses={204: None})
    def delete(self, request: Request) -> HttpResponse:
        ScoringWeights.objects.reset()
        return HttpResponse(status=204)


class ScoringModifiersView(LegacyAPIView):
    """The providers' score modifiers; PUT sets several."""

    @extend_schema(operation_id="v1_scoring_modifiers", responses={200: MODIFIERS})
    def get(self, request: Request) -> Response:
        return Response(ProviderScoreModifier.objects.as_dict())

    @extend_schema(
        operation_id="v1_scoring_modifiers_update",
        request={"application/json": MODIFIERS},
        responses={200: MODIFIERS, 400: LegacyErrorSerializer},
    )
    def put(self, request: Request) -> Response:
        ProviderScoreModifier.objects.set_many(whole_numbers(body_object(request)))
        return Response(ProviderScoreModifier.objects.as_dict())


class ScoringModifierView(LegacyAPIView):
    """DELETE one provider's modifier."""

    @extend_schema(operation_id="v1_scoring_modifier_delete", responses={204: None})
    def delete(self, request: Request, provider_name: str) -> HttpResponse:
        ProviderScoreModifier.objects.filter(provider_name=provider_name).delete()
        return HttpResponse(status=204)


urlpatterns = [
    re_path(r"^scoring/weights/?$", ScoringWeightsView.as_view(), name="v1-scoring-weights"),
    re_path(r"^scoring/modifiers/?$", ScoringModifiersView.as_view(), name="v1-scoring-modifiers"),
    re_path(
        r"^scoring/modifiers/(?P<provider_name>[^/]+)/?$",
        ScoringModifierView.as_view(),
        name="v1-scoring-modifier",
    ),
]
