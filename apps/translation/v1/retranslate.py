"""/api/v1/retranslate/status: the current translation config hash and the jobs translated under another.

Legacy routes: backend/routes/translate.py `retranslate_status`; the hash is legacy's
get_translation_config_hash("ollama") over its settings (config_entries over its defaults).
"""

from __future__ import annotations

import hashlib

from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.models import ConfigEntry, Job
from apps.translation.models import PromptPreset
from sublarr.api.legacy import LegacyAPIView

# Legacy's Settings defaults (backend/config.py) for what the translation config hash covers.
DEFAULT_OLLAMA_MODEL = "qwen2.5:14b-instruct"
DEFAULT_TARGET_LANGUAGE = "de"
DEFAULT_SOURCE_LANGUAGE_NAME = "English"
DEFAULT_TARGET_LANGUAGE_NAME = "German"


def translation_settings() -> dict[str, str]:
    """The settings the config hash covers: the saved config_entries value, else legacy's default.

    Legacy applied config_entries (what its settings page saved) over its defaults at start-up,
    each value stripped.
    """
    keys = (
        "ollama_model",
        "target_language",
        "source_language_name",
        "target_language_name",
        "prompt_template",
    )
    saved = {
        key: value.strip()
        for key, value in ConfigEntry.objects.filter(key__in=keys).values_list("key", "value")
    }
    return {
        "ollama_model": saved.get("ollama_model", DEFAULT_OLLAMA_MODEL),
        "target_language": saved.get("target_language", DEFAULT_TARGET_LANGUAGE),
        "source_language_name": saved.get("source_language_name", DEFAULT_SOURCE_LANGUAGE_NAME),
        "target_language_name": saved.get("target_language_name", DEFAULT_TARGET_LANGUAGE_NAME),
        "prompt_template": saved.get("prompt_template", ""),
    }


def prompt_template(config: dict[str, str]) -> str:
    """Legacy get_prompt_template: the default preset's, else the setting, else the built-in one."""
    preset = (
        PromptPreset.objects.filter(is_default=True).order_by("id").values_list("prompt_template", flat=True)
    )
    template = preset.first()
    if template:
        return template
    if config["prompt_template"]:
        return config["prompt_template"]
    return (
        f"Translate these anime subtitle lines from {config['source_language_name']} to "
        f"{config['target_language_name']}.\n"
        "Return ONLY the translated lines, one per line, same count.\n"
        "Preserve \\N exactly as \\N (hard line break).\n"
        "Do NOT add numbering or prefixes to the output lines.\n\n"
    )


def translation_config_hash(config: dict[str, str]) -> str:
    """Legacy get_translation_config_hash("ollama"): 12 hex digits of SHA-256 over its inputs."""
    content = f"ollama|{config['ollama_model']}|{prompt_template(config)[:50]}|{config['target_language']}"
    return hashlib.sha256(content.encode()).hexdigest()[:12]


class RetranslateStatusView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_retranslate_status",
        responses={
            200: inline_serializer(
                "V1RetranslateStatus",
                {
                    "current_hash": serializers.CharField(),
                    "outdated_count": serializers.IntegerField(),
                    "ollama_model": serializers.CharField(),
                    "target_language": serializers.CharField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        config = translation_settings()
        current = translation_config_hash(config)
        # Completed jobs translated under another config (an empty or NULL hash is unknown).
        outdated = (
            Job.objects.filter(status=Job.Status.COMPLETED, config_hash__isnull=False)
            .exclude(config_hash="")
            .exclude(config_hash=current)
            .count()
        )
        return Response(
            {
                "current_hash": current,
                "outdated_count": outdated,
                "ollama_model": config["ollama_model"],
                "target_language": config["target_language"],
            }
        )


urlpatterns = [
    re_path(r"^retranslate/status/?$", RetranslateStatusView.as_view(), name="v1-retranslate-status"),
]
