"""/api/v1 prompt presets: list, the default, create, update, delete (legacy contract).

Legacy routes/profiles.py and db/translation.py: presets are stored rows (is_default as 0/1),
listed default first. The rules live on PromptPreset: saving one as the default makes it the only
default, and the last preset cannot be deleted.
"""

from __future__ import annotations

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.translation.models import PromptPreset
from sublarr.api.legacy import (
    LegacyAPIView,
    LegacyError,
    LegacyErrorSerializer,
    body_text,
    delete_or_error,
    find_or_404,
    json_object,
    save_unique,
)
from sublarr.db.fields import now_iso
from sublarr.db.rows import row_dict, row_dicts

Preset = inline_serializer(
    "LegacyPromptPreset",
    {
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "prompt_template": serializers.CharField(),
        "is_default": serializers.IntegerField(allow_null=True),
        "created_at": serializers.CharField(),
        "updated_at": serializers.CharField(),
    },
)
PresetBody = inline_serializer(
    "LegacyPromptPresetBody",
    {
        "name": serializers.CharField(),
        "prompt_template": serializers.CharField(),
        "is_default": serializers.BooleanField(required=False),
    },
)
PresetChanges = inline_serializer(
    "LegacyPromptPresetChanges",
    {
        "name": serializers.CharField(required=False),
        "prompt_template": serializers.CharField(required=False),
        "is_default": serializers.BooleanField(required=False),
    },
)
Deleted = inline_serializer(
    "PromptPresetDeleted", {"status": serializers.CharField(), "id": serializers.IntegerField()}
)


def _save(preset: PromptPreset) -> None:
    preset.updated_at = now_iso()
    save_unique(preset, f"Preset name '{preset.name}' already exists")


class PromptPresetListView(LegacyAPIView):
    @extend_schema(
        summary="List prompt presets",
        responses={
            200: inline_serializer("LegacyPromptPresets", {"presets": serializers.ListField(child=Preset)})
        },
    )
    def get(self, request: Request) -> Response:
        presets = PromptPreset.objects.order_by("-is_default", "name", "id")
        return Response({"presets": row_dicts(presets)})

    @extend_schema(
        summary="Create a prompt preset",
        request=PresetBody,
        responses={201: Preset, 400: LegacyErrorSerializer, 409: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        required = "name and prompt_template are required"
        name, template = body_text(data, "name", required), body_text(data, "prompt_template", required)
        if not name or not template:
            raise LegacyError(required)
        # Legacy tested the value's truth, whatever its type.
        preset = PromptPreset(
            name=name, prompt_template=template, is_default=bool(data.get("is_default")), created_at=now_iso()
        )
        _save(preset)
        return Response(row_dict(preset), status=status.HTTP_201_CREATED)


class DefaultPromptPresetView(LegacyAPIView):
    @extend_schema(summary="The default prompt preset", responses={200: Preset, 404: LegacyErrorSerializer})
    def get(self, request: Request) -> Response:
        preset = PromptPreset.objects.default()
        if preset is None:
            raise LegacyError("No default preset found", status.HTTP_404_NOT_FOUND)
        return Response(row_dict(preset))


class PromptPresetDetailView(LegacyAPIView):
    @extend_schema(
        summary="Change a prompt preset",
        request=PresetChanges,
        responses={
            200: Preset,
            400: LegacyErrorSerializer,
            404: LegacyErrorSerializer,
            409: LegacyErrorSerializer,
        },
    )
    def put(self, request: Request, preset_id: str) -> Response:
        preset = find_or_404(PromptPreset.objects, preset_id, "Preset not found")
        data = json_object(request)
        name = body_text(data, "name", "name must be a string")
        template = body_text(data, "prompt_template", "prompt_template must be a string")
        is_default = data.get("is_default")
        if name is None and template is None and is_default is None:
            raise LegacyError("No fields to update")
        if name is not None:
            preset.name = name
        if template is not None:
            preset.prompt_template = template
        if is_default is not None:
            preset.is_default = bool(is_default)
        _save(preset)
        return Response(row_dict(preset))

    @extend_schema(
        summary="Delete a prompt preset", request=None, responses={200: Deleted, 404: LegacyErrorSerializer}
    )
    def delete(self, request: Request, preset_id: str) -> Response:
        # The model keeps the last preset.
        message = "Preset not found or cannot delete last preset"
        delete_or_error(PromptPreset.objects, preset_id, message, status.HTTP_404_NOT_FOUND)
        return Response({"status": "deleted", "id": int(preset_id)})


urlpatterns = [
    re_path(r"^prompt-presets/?$", PromptPresetListView.as_view(), name="v1-prompt-presets"),
    re_path(
        r"^prompt-presets/default/?$", DefaultPromptPresetView.as_view(), name="v1-prompt-preset-default"
    ),
    re_path(
        r"^prompt-presets/(?P<preset_id>\d+)/?$", PromptPresetDetailView.as_view(), name="v1-prompt-preset"
    ),
]
