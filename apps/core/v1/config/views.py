"""/config, /config/export, /config/import and /onboarding/*: the settings registry over HTTP.

Bodies as legacy answered them (backend/routes/config.py at b0151c5). Where legacy silently dropped
input (an unknown key, a value of the wrong type), this answers 400 naming every bad key and stores
nothing.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.config import store
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, query_bool, require_json

CONFIG = OpenApiTypes.OBJECT
INCLUDE_SECRETS = OpenApiParameter(
    "include_secrets", bool, description="Export the secrets' real values instead of the mask."
)


def _config(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return store.masked(store.current() if values is None else values)


def _save(
    data: Any, *, empty_message: str, skip_secrets: bool, imported: bool = False
) -> tuple[list[str], list[str]]:
    if not isinstance(data, dict) or not data:
        raise LegacyError(empty_message)
    try:
        return store.save(data, skip_secrets=skip_secrets, imported=imported)
    except store.InvalidSettings as exc:
        raise LegacyError(f"Invalid config values: {exc}") from exc


class ConfigView(LegacyAPIView):
    """GET /config: every setting typed, secrets masked; PUT /config: several at once, all or nothing."""

    @extend_schema(
        operation_id="v1_config_get",
        summary="Every setting as its typed value, secrets masked",
        responses={200: CONFIG},
    )
    def get(self, request: Request) -> Response:
        return Response(_config())

    @extend_schema(
        operation_id="v1_config_update",
        summary="Validate and save several settings at once (all or nothing)",
        request=CONFIG,
        responses={
            200: inline_serializer(
                "V1ConfigSaved",
                {
                    "status": serializers.CharField(),
                    "updated_keys": serializers.ListField(child=serializers.CharField()),
                    "config": serializers.DictField(),
                },
            ),
            400: LegacyErrorSerializer,
        },
    )
    def put(self, request: Request) -> Response:
        require_json(request)
        saved, _ = _save(request.data, empty_message="No config values provided", skip_secrets=False)
        return Response({"status": "saved", "updated_keys": saved, "config": _config()})


class ConfigExportView(LegacyAPIView):
    """GET /config/export: the settings as JSON, secrets masked unless include_secrets."""

    @extend_schema(
        operation_id="v1_config_export",
        summary="The configuration as JSON; secrets masked unless include_secrets",
        parameters=[INCLUDE_SECRETS],
        responses={200: CONFIG},
    )
    def get(self, request: Request) -> Response:
        values = store.current()
        return Response(values if query_bool(request, "include_secrets") else store.masked(values))


class ConfigImportView(LegacyAPIView):
    """POST /config/import: settings from an export; secrets skipped unless include_secrets."""

    @extend_schema(
        operation_id="v1_config_import",
        summary="Import settings (secrets are skipped unless include_secrets)",
        parameters=[INCLUDE_SECRETS],
        request=CONFIG,
        responses={
            200: inline_serializer(
                "V1ConfigImported",
                {
                    "status": serializers.CharField(),
                    "imported_keys": serializers.ListField(child=serializers.CharField()),
                    "skipped_secrets": serializers.ListField(child=serializers.CharField()),
                    "config": serializers.DictField(),
                },
            ),
            400: LegacyErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        require_json(request)
        skip = not query_bool(request, "include_secrets")
        imported, skipped = _save(
            request.data, empty_message="No config data provided", skip_secrets=skip, imported=True
        )
        return Response(
            {"status": "imported", "imported_keys": imported, "skipped_secrets": skipped, "config": _config()}
        )


ONBOARDING_KEY = "onboarding_completed"
PROVIDER_KEYS = ("opensubtitles_api_key", "jimaku_api_key", "subdl_api_key")


class OnboardingStatusView(LegacyAPIView):
    """GET /onboarding/status: whether the wizard is done and which services are set up."""

    @extend_schema(
        operation_id="v1_onboarding_status",
        summary="Whether onboarding is done and which services are configured",
        responses={
            200: inline_serializer(
                "V1OnboardingStatus",
                {
                    "completed": serializers.BooleanField(),
                    "has_sonarr": serializers.BooleanField(),
                    "has_radarr": serializers.BooleanField(),
                    "has_ollama": serializers.BooleanField(),
                    "has_providers": serializers.BooleanField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        entries = store.stored()
        s = store.current(entries)
        return Response(
            {
                "completed": entries.get(ONBOARDING_KEY) == "true",
                "has_sonarr": bool(s["sonarr_url"] and s["sonarr_api_key"]),
                "has_radarr": bool(s["radarr_url"] and s["radarr_api_key"]),
                "has_ollama": bool(s["ollama_url"]),
                "has_providers": any(s[key] for key in PROVIDER_KEYS),
            }
        )


class OnboardingCompleteView(LegacyAPIView):
    """POST /onboarding/complete: marks the wizard done (`onboarding_completed` = "true")."""

    @extend_schema(
        operation_id="v1_onboarding_complete",
        summary="Mark onboarding as completed",
        request=None,
        responses={200: inline_serializer("V1OnboardingDone", {"status": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response:
        store.set_entry(ONBOARDING_KEY, "true")
        return Response({"status": "completed"})
