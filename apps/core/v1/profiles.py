"""/api/v1 language profiles: list, create, update, delete, assign (legacy routes/profiles.py).

Legacy shape (db/profiles.py `_row_to_profile`): the row's columns with `is_default` as a boolean
and the JSON columns parsed under names without `_json`. Profiles were always created as
non-default and `is_default` was never writable, so a request cannot make a second default here
either; the model refuses one from any other entry point.
"""

from __future__ import annotations

import json
from typing import Any

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.models import LanguageProfile, MovieLanguageProfile, SeriesLanguageProfile
from sublarr.api.legacy import (
    LegacyAPIView,
    LegacyError,
    LegacyErrorSerializer,
    delete_or_error,
    find_or_404,
    json_object,
    save_unique,
)

FORCED_CHOICES = [choice.value for choice in LanguageProfile.ForcedPreference]
FORCED_ERROR = "forced_preference must be one of: disabled, separate, auto"
# Legacy read a NULL or malformed fallback chain as this.
DEFAULT_FALLBACK = ["ollama"]

Profile = inline_serializer(
    "LegacyLanguageProfile",
    {
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "source_language": serializers.CharField(),
        "source_language_name": serializers.CharField(),
        "target_languages": serializers.ListField(child=serializers.CharField()),
        "target_language_names": serializers.ListField(child=serializers.CharField()),
        "is_default": serializers.BooleanField(),
        "created_at": serializers.CharField(),
        "updated_at": serializers.CharField(),
        "translation_backend": serializers.CharField(allow_null=True),
        "fallback_chain": serializers.ListField(child=serializers.CharField()),
        "forced_preference": serializers.CharField(allow_null=True),
    },
)
ProfileBody = inline_serializer(
    "LegacyLanguageProfileBody",
    {
        "name": serializers.CharField(),
        "source_language": serializers.CharField(required=False),
        "source_language_name": serializers.CharField(required=False),
        "target_languages": serializers.ListField(child=serializers.CharField(), required=False),
        "target_language_names": serializers.ListField(child=serializers.CharField(), required=False),
        "translation_backend": serializers.CharField(required=False),
        "fallback_chain": serializers.ListField(child=serializers.CharField(), required=False),
        "forced_preference": serializers.ChoiceField(FORCED_CHOICES, required=False),
    },
)
# What PUT /language-profiles/assign assigns a profile to: a Sonarr series or a Radarr movie.
ASSIGNMENT_TYPES = ("series", "movie")
Assignment = inline_serializer(
    "LegacyProfileAssignment",
    {
        "type": serializers.ChoiceField(ASSIGNMENT_TYPES),
        "arr_id": serializers.IntegerField(),
        "profile_id": serializers.IntegerField(),
    },
)
Assigned = inline_serializer(
    "LegacyProfileAssigned",
    {
        "status": serializers.CharField(),
        "type": serializers.CharField(),
        "arr_id": serializers.IntegerField(),
        "profile_id": serializers.IntegerField(),
    },
)
Deleted = inline_serializer(
    "ProfileDeleted", {"status": serializers.CharField(), "id": serializers.IntegerField()}
)


def represent(profile: LanguageProfile) -> dict[str, Any]:
    """A profile as legacy `_row_to_profile` gave it."""
    meta = LanguageProfile._meta
    fallback = DEFAULT_FALLBACK
    if profile.fallback_chain_json:
        try:
            json.loads(profile.fallback_chain_json)
        except ValueError:
            pass
        else:
            fallback = meta.get_field("fallback_chain_json").parse(profile.fallback_chain_json)
    return {
        "id": profile.id,
        "name": profile.name,
        "source_language": profile.source_language,
        "source_language_name": profile.source_language_name,
        "is_default": bool(profile.is_default),
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
        "translation_backend": profile.translation_backend,
        "forced_preference": profile.forced_preference,
        "target_languages": meta.get_field("target_languages_json").parse(profile.target_languages_json),
        "target_language_names": meta.get_field("target_language_names_json").parse(
            profile.target_language_names_json
        ),
        "fallback_chain": fallback,
    }


def _string(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise LegacyError(f"{key} must be a string")
    return value


def _strings_list(data: dict[str, Any], key: str) -> list[str]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LegacyError(f"{key} must be a list of strings")
    return value


def _apply(profile: LanguageProfile, data: dict[str, Any]) -> None:
    """Copy the writable legacy fields present in `data` onto `profile`, checking their types."""
    for key in ("name", "source_language", "source_language_name"):
        if key in data:
            setattr(profile, key, _string(data, key))
    if "translation_backend" in data:
        # A nullable column: legacy stored a null as given.
        backend = data["translation_backend"]
        profile.translation_backend = None if backend is None else _string(data, "translation_backend")
    for key in ("target_languages", "target_language_names"):
        if key in data:
            setattr(profile, f"{key}_json", json.dumps(_strings_list(data, key)))
    if "fallback_chain" in data:
        profile.fallback_chain_json = json.dumps(_strings_list(data, "fallback_chain"))
    if "forced_preference" in data:
        if data["forced_preference"] not in FORCED_CHOICES:
            raise LegacyError(FORCED_ERROR)
        profile.forced_preference = data["forced_preference"]


def _save(profile: LanguageProfile) -> None:
    save_unique(profile, f"Profile name '{profile.name}' already exists")


class LanguageProfileListView(LegacyAPIView):
    @extend_schema(
        summary="List language profiles",
        responses={
            200: inline_serializer(
                "LegacyLanguageProfiles", {"profiles": serializers.ListField(child=Profile)}
            )
        },
    )
    def get(self, request: Request) -> Response:
        profiles = LanguageProfile.objects.order_by("-is_default", "name", "id")
        return Response({"profiles": [represent(profile) for profile in profiles]})

    @extend_schema(
        summary="Create a language profile",
        request=ProfileBody,
        responses={201: Profile, 400: LegacyErrorSerializer, 409: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        name = data.get("name", "")
        if not isinstance(name, str) or not name.strip():
            raise LegacyError("name is required")
        # Legacy defaults for what the body leaves out; is_default is never taken from it.
        values = {
            "source_language": "en",
            "source_language_name": "English",
            "target_languages": ["de"],
            "target_language_names": ["German"],
            "translation_backend": "ollama",
            "forced_preference": "disabled",
            **{key: value for key, value in data.items() if key != "name"},
        }
        if not values["target_languages"]:
            raise LegacyError("At least one target language is required")
        if values.get("fallback_chain") is None:
            values["fallback_chain"] = [values["translation_backend"]]
        profile = LanguageProfile(name=name.strip(), is_default=False)
        _apply(profile, values)
        _save(profile)
        profile.refresh_from_db()
        return Response(represent(profile), status=status.HTTP_201_CREATED)


class LanguageProfileDetailView(LegacyAPIView):
    @extend_schema(
        summary="Update a language profile",
        request=ProfileBody,
        responses={
            200: Profile,
            400: LegacyErrorSerializer,
            404: LegacyErrorSerializer,
            409: LegacyErrorSerializer,
        },
    )
    def put(self, request: Request, profile_id: str) -> Response:
        profile = find_or_404(LanguageProfile.objects, profile_id, "Profile not found")
        data = json_object(request)
        writable: tuple[str, ...] = ("name", "source_language", "source_language_name", "target_languages")
        writable += ("target_language_names", "translation_backend", "fallback_chain", "forced_preference")
        fields = {key: data[key] for key in writable if key in data}
        if not fields:
            raise LegacyError("No fields to update")
        _apply(profile, fields)
        _save(profile)
        profile.refresh_from_db()
        return Response(represent(profile))

    @extend_schema(summary="Delete a language profile", responses={200: Deleted, 400: LegacyErrorSerializer})
    def delete(self, request: Request, profile_id: str) -> Response:
        # The model refuses the default profile.
        delete_or_error(LanguageProfile.objects, profile_id, "Profile not found or is the default profile")
        return Response({"status": "deleted", "id": int(profile_id)})


class LanguageProfileAssignView(LegacyAPIView):
    @extend_schema(
        summary="Assign a profile to a series or movie",
        request=Assignment,
        responses={200: Assigned, 400: LegacyErrorSerializer, 404: LegacyErrorSerializer},
    )
    def put(self, request: Request) -> Response:
        data = json_object(request)
        item_type, arr_id, profile_id = data.get("type"), data.get("arr_id"), data.get("profile_id")
        if not item_type or arr_id is None or profile_id is None:
            raise LegacyError("type, arr_id, and profile_id are required")
        if not _is_int(profile_id) or not LanguageProfile.objects.filter(pk=profile_id).exists():
            raise LegacyError("Profile not found", status.HTTP_404_NOT_FOUND)
        if item_type not in ("series", "movie"):
            raise LegacyError("type must be 'series' or 'movie'")
        if not _is_int(arr_id):
            raise LegacyError("arr_id must be an integer")
        if item_type == "series":
            SeriesLanguageProfile.objects.update_or_create(
                sonarr_series_id=arr_id, defaults={"profile_id": profile_id}
            )
        else:
            MovieLanguageProfile.objects.update_or_create(
                radarr_movie_id=arr_id, defaults={"profile_id": profile_id}
            )
        return Response({"status": "assigned", "type": item_type, "arr_id": arr_id, "profile_id": profile_id})


def _is_int(value: Any) -> bool:
    # JSON true/false are not ids, and a number beyond 64 bits is no row's id.
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


urlpatterns = [
    re_path(r"^language-profiles/?$", LanguageProfileListView.as_view(), name="v1-language-profiles"),
    re_path(
        r"^language-profiles/assign/?$",
        LanguageProfileAssignView.as_view(),
        name="v1-language-profiles-assign",
    ),
    re_path(
        r"^language-profiles/(?P<profile_id>\d+)/?$",
        LanguageProfileDetailView.as_view(),
        name="v1-language-profile",
    ),
]
