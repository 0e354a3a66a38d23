"""The namespaced settings the Settings tabs call: translation and Whisper backends, Whisper's
global settings, media server instances (legacy routes/translate.py, whisper.py, mediaservers.py).

Each stores under the legacy key names (see apps.core.config.namespaces). Where legacy stored any
key and any value, a key the backend does not have or a value of the wrong type is a 400 naming it.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.config import namespaces, store
from apps.core.config.namespaces import BackendField
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, require_json

STRINGS = {"type": "object", "additionalProperties": {"type": "string"}}
NO_DATA = "No configuration data provided"


def _backend(backends: dict[str, dict[str, BackendField]], name: str) -> dict[str, BackendField]:
    fields = backends.get(name)
    if fields is None:
        raise LegacyError(f"Backend '{name}' not found", 404)
    return fields


def _data(request: Request) -> dict[str, Any]:
    require_json(request)
    data = request.data
    if not isinstance(data, dict) or not data:
        raise LegacyError(NO_DATA)
    return data


def _save_backend(
    prefix: str, backends: dict[str, dict[str, BackendField]], name: str, request: Request
) -> None:
    data = _data(request)
    fields = _backend(backends, name)
    try:
        namespaces.save_backend(prefix, name, fields, data)
    except store.InvalidSettings as exc:
        raise LegacyError(f"Invalid config values: {exc}") from exc


class TranslationBackendConfigView(LegacyAPIView):
    """A translation backend's settings, stored as `backend.<name>.<key>`."""

    @extend_schema(operation_id="v1_backend_config", responses={200: STRINGS, 404: LegacyErrorSerializer})
    def get(self, request: Request, name: str) -> Response:
        fields = _backend(namespaces.TRANSLATION_BACKENDS, name)
        return Response(namespaces.read_backend(namespaces.TRANSLATION_PREFIX, name, fields))

    @extend_schema(
        operation_id="v1_backend_config_update",
        request={"application/json": STRINGS},
        responses={
            200: inline_serializer("V1BackendSaved", {"status": serializers.CharField()}),
            400: LegacyErrorSerializer,
            404: LegacyErrorSerializer,
        },
    )
    def put(self, request: Request, name: str) -> Response:
        _save_backend(namespaces.TRANSLATION_PREFIX, namespaces.TRANSLATION_BACKENDS, name, request)
        return Response({"status": "saved"})


SUCCESS = inline_serializer("V1WhisperSaved", {"success": serializers.BooleanField()})


class WhisperBackendConfigView(LegacyAPIView):
    """A Whisper backend's settings, stored as `whisper.<name>.<key>`."""

    @extend_schema(
        operation_id="v1_whisper_backend_config", responses={200: STRINGS, 404: LegacyErrorSerializer}
    )
    def get(self, request: Request, name: str) -> Response:
        fields = _backend(namespaces.WHISPER_BACKENDS, name)
        return Response(namespaces.read_backend(namespaces.WHISPER_PREFIX, name, fields))

    @extend_schema(
        operation_id="v1_whisper_backend_config_update",
        request={"application/json": STRINGS},
        responses={200: SUCCESS, 400: LegacyErrorSerializer, 404: LegacyErrorSerializer},
    )
    def put(self, request: Request, name: str) -> Response:
        _save_backend(namespaces.WHISPER_PREFIX, namespaces.WHISPER_BACKENDS, name, request)
        return Response({"success": True})


WHISPER_CONFIG = inline_serializer(
    "V1WhisperConfig",
    {
        "whisper_backend": serializers.CharField(),
        "max_concurrent_whisper": serializers.IntegerField(),
        "whisper_enabled": serializers.BooleanField(),
    },
)


class WhisperConfigView(LegacyAPIView):
    """The global Whisper settings: backend, concurrency, enabled."""

    @extend_schema(operation_id="v1_whisper_config", responses={200: WHISPER_CONFIG})
    def get(self, request: Request) -> Response:
        return Response(namespaces.read_whisper_config())

    @extend_schema(
        operation_id="v1_whisper_config_update",
        request=inline_serializer(
            "V1WhisperConfigInput",
            {
                "whisper_backend": serializers.CharField(required=False),
                "max_concurrent_whisper": serializers.IntegerField(required=False),
                "whisper_enabled": serializers.BooleanField(required=False),
            },
        ),
        responses={200: SUCCESS, 400: LegacyErrorSerializer},
    )
    def put(self, request: Request) -> Response:
        try:
            namespaces.save_whisper_config(_data(request))
        except store.InvalidSettings as exc:
            raise LegacyError(f"Invalid config values: {exc}") from exc
        return Response({"success": True})


INSTANCES = {"type": "array", "items": {"type": "object", "additionalProperties": True}}


class MediaServerInstancesView(LegacyAPIView):
    """The media server instances, the `media_servers_json` setting; secrets masked."""

    @extend_schema(operation_id="v1_mediaservers_instances", responses={200: INSTANCES})
    def get(self, request: Request) -> Response:
        return Response(namespaces.read_media_servers())

    @extend_schema(
        operation_id="v1_mediaservers_instances_update",
        request={"application/json": INSTANCES},
        responses={200: INSTANCES, 400: LegacyErrorSerializer},
    )
    def put(self, request: Request) -> Response:
        require_json(request)
        try:
            return Response(namespaces.save_media_servers(request.data))
        except ValueError as exc:
            raise LegacyError(str(exc)) from exc


class PluginConfigView(LegacyAPIView):
    """Provider plugins are Python files legacy loaded from its plugins folder; this server loads
    none, so every name answers legacy's 404 for a plugin that is not installed."""

    @extend_schema(operation_id="v1_plugin_config", responses={404: LegacyErrorSerializer})
    def get(self, request: Request, name: str) -> Response:
        raise LegacyError(f"Plugin '{name}' not found", 404)

    @extend_schema(
        operation_id="v1_plugin_config_update",
        request={"application/json": STRINGS},
        responses={404: LegacyErrorSerializer},
    )
    def put(self, request: Request, name: str) -> Response:
        raise LegacyError(f"Plugin '{name}' not found", 404)
