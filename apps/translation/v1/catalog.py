"""/api/v1/backends and /api/v1/whisper/backends: the translation and Whisper backends Sublarr knows.

Legacy routes/translate.py `list_backends` and routes/whisper.py `list_backends` (the managers'
get_all_backends at b0151c5): each registered backend with its capabilities, its settings fields,
and whether config entries configure it. No backend is contacted.
"""

from __future__ import annotations

from typing import Any

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.config import store
from apps.core.config.namespaces import TRANSLATION_PREFIX, WHISPER_PREFIX
from apps.core.v1.kinds import CONFIG_FIELDS
from apps.translation import catalog
from sublarr.api.legacy import LegacyAPIView

TranslationBackend = inline_serializer(
    "LegacyTranslationBackendInfo",
    {
        "name": serializers.CharField(),
        "display_name": serializers.CharField(),
        "config_fields": CONFIG_FIELDS,
        "configured": serializers.BooleanField(),
        "supports_glossary": serializers.BooleanField(),
        "supports_batch": serializers.BooleanField(),
        "max_batch_size": serializers.IntegerField(),
    },
)
WhisperBackend = inline_serializer(
    "LegacyWhisperBackendInfo",
    {
        "name": serializers.CharField(),
        "display_name": serializers.CharField(),
        "config_fields": CONFIG_FIELDS,
        "configured": serializers.BooleanField(),
        "active": serializers.BooleanField(),
        "supports_gpu": serializers.BooleanField(),
        "supports_language_detection": serializers.BooleanField(),
    },
)


def _configured(prefix: str) -> set[str]:
    """The backends with at least one `<prefix>.<name>.<key>` entry, in one query."""
    entries = store.stored_with_prefix(f"{prefix}.")
    return {key.split(".")[1] for key in entries if key.count(".") >= 2}


def translation_backends() -> list[dict[str, Any]]:
    configured = _configured(TRANSLATION_PREFIX)
    # Legacy read Ollama's settings from the general ones when it had no entries of its own, so
    # Ollama always counted as configured.
    configured.add("ollama")
    return [
        {
            "name": kind.name,
            "display_name": kind.display_name,
            "config_fields": [field.as_legacy() for field in kind.config_fields],
            "configured": kind.name in configured,
            "supports_glossary": kind.supports_glossary,
            "supports_batch": kind.supports_batch,
            "max_batch_size": kind.max_batch_size,
        }
        for kind in catalog.TRANSLATION_BACKENDS
    ]


def whisper_backends() -> list[dict[str, Any]]:
    configured = _configured(WHISPER_PREFIX)
    active = catalog.active_whisper_backend(store.get_entry("whisper_backend"))
    return [
        {
            "name": kind.name,
            "display_name": kind.display_name,
            "config_fields": [field.as_legacy() for field in kind.config_fields],
            "configured": kind.name in configured,
            "active": kind.name == active,
            "supports_gpu": kind.supports_gpu,
            "supports_language_detection": kind.supports_language_detection,
        }
        for kind in catalog.WHISPER_BACKENDS
    ]


class BackendListView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_backends_list",
        summary="The translation backends, their settings fields and whether they are configured",
        responses={
            200: inline_serializer(
                "LegacyTranslationBackendList", {"backends": serializers.ListField(child=TranslationBackend)}
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response({"backends": translation_backends()})


class WhisperBackendListView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_whisper_backends_list",
        summary="The Whisper backends, their settings fields, which is configured and which is active",
        responses={
            200: inline_serializer(
                "LegacyWhisperBackendList", {"backends": serializers.ListField(child=WhisperBackend)}
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response({"backends": whisper_backends()})


urlpatterns = [
    re_path(r"^backends/?$", BackendListView.as_view(), name="v1-backends"),
    re_path(r"^whisper/backends/?$", WhisperBackendListView.as_view(), name="v1-whisper-backends"),
]
