"""/api/v1/retranslate/status: legacy's translation config hash and the jobs translated under another."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.test import Client

from apps.core.models import ConfigEntry, Job
from apps.translation.models import PromptPreset

pytestmark = pytest.mark.django_db


def job(n: int, **values: Any) -> Job:
    defaults = {"id": f"job{n:05d}", "file_path": f"/tv/{n}.mkv", "status": "completed"}
    return Job.objects.create(**{**defaults, **values})


def legacy_hash(model: str, template: str, target: str) -> str:
    return hashlib.sha256(f"ollama|{model}|{template[:50]}|{target}".encode()).hexdigest()[:12]


BUILT_IN = "Translate these anime subtitle lines from English to German.\nReturn ONLY"


def test_retranslate_status_on_legacy_defaults(keyed: Client) -> None:
    current = legacy_hash("qwen2.5:14b-instruct", BUILT_IN, "de")
    assert current == "7b6aba30b79e"  # what the legacy app answered on its defaults
    job(1, config_hash=current)
    job(2, config_hash="0123456789ab")
    job(3, config_hash="0123456789ab", status="failed")  # only completed jobs count
    job(4, config_hash="")
    job(5, config_hash=None)
    assert keyed.get("/api/v1/retranslate/status").json() == {
        "current_hash": current,
        "outdated_count": 1,
        "ollama_model": "qwen2.5:14b-instruct",
        "target_language": "de",
    }


def test_retranslate_status_follows_saved_settings_and_the_default_preset(keyed: Client) -> None:
    ConfigEntry.objects.create(key="ollama_model", value=" llama3 ")
    ConfigEntry.objects.create(key="target_language", value="fr")
    ConfigEntry.objects.create(key="prompt_template", value="Setting template")
    body = keyed.get("/api/v1/retranslate/status").json()
    assert (body["ollama_model"], body["target_language"]) == ("llama3", "fr")
    assert body["current_hash"] == legacy_hash("llama3", "Setting template", "fr")
    PromptPreset.objects.create(name="Casual", prompt_template="Preset template", is_default=False)
    assert keyed.get("/api/v1/retranslate/status").json()["current_hash"] == body["current_hash"]
    PromptPreset.objects.create(name="Formal", prompt_template="Preset template", is_default=True)
    assert keyed.get("/api/v1/retranslate/status").json()["current_hash"] == legacy_hash(
        "llama3", "Preset template", "fr"
    )
