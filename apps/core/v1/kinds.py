"""The OpenAPI shape of a registry's settings field (apps.core.kinds.ConfigField.as_legacy()).

One declaration for the v1 lists of providers, translation and Whisper backends and media server
kinds. Provider declarations in legacy had no "help" and not always a "default"; the backends'
and media servers' had both.
"""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.core.kinds import FIELD_TYPES


def _config_fields(component: str, *, always_default_and_help: bool) -> serializers.Serializer:
    return inline_serializer(
        component,
        {
            "key": serializers.CharField(),
            "label": serializers.CharField(),
            "type": serializers.ChoiceField(FIELD_TYPES),
            "required": serializers.BooleanField(),
            "default": serializers.CharField(required=always_default_and_help),
            "help": serializers.CharField(required=always_default_and_help),
        },
        many=True,
    )


# One instance per shape: two serializers of one component name would be two schema components.
CONFIG_FIELDS = _config_fields("LegacyConfigField", always_default_and_help=True)
PROVIDER_CONFIG_FIELDS = _config_fields("LegacyProviderConfigField", always_default_and_help=False)
