"""The config entry admin edits settings through the registry: typed settings are validated."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from apps.core.models import ConfigEntry

pytestmark = pytest.mark.django_db

ADD = "admin:core_configentry_add"


def test_a_typed_setting_refuses_text_of_the_wrong_type(admin_client: Client) -> None:
    response = admin_client.post(reverse(ADD), {"key": "port", "value": "eighty"})
    assert response.status_code == 200
    assert "port: expected an integer" in response.content.decode()
    assert not ConfigEntry.objects.filter(key="port").exists()


def test_a_typed_setting_is_stored_as_legacy_text(admin_client: Client) -> None:
    admin_client.post(reverse(ADD), {"key": "wanted_anime_only", "value": "false"})
    admin_client.post(reverse(ADD), {"key": "ollama_model", "value": "  llama3  "})
    assert ConfigEntry.objects.get(key="wanted_anime_only").value == "false"
    assert ConfigEntry.objects.get(key="ollama_model").value == "llama3"


def test_an_entry_outside_the_schema_is_free_text(admin_client: Client) -> None:
    admin_client.post(reverse(ADD), {"key": "whisper_backend", "value": "faster_whisper"})
    assert ConfigEntry.objects.get(key="whisper_backend").value == "faster_whisper"


def test_the_changelist_hides_every_credential(admin_client: Client) -> None:
    ConfigEntry.objects.create(key="tvdb_api_key", value="tv-secret")
    ConfigEntry.objects.create(key="plugin.x.token", value="tok-secret")
    page = admin_client.get(reverse("admin:core_configentry_changelist")).content.decode()
    assert "tv-secret" not in page and "tok-secret" not in page
