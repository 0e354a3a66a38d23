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


SETTINGS = "admin:core_configentry_settings"


def settings_post(admin_client: Client, **changes: str) -> dict[str, str]:
    """The form as rendered (every field's current value), with some changes."""
    form = admin_client.get(reverse(SETTINGS)).context["form"]
    data: dict[str, str] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def test_the_settings_page_shows_every_typed_setting(admin_client: Client) -> None:
    response = admin_client.get(reverse(SETTINGS))
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.fields) == 84
    assert "SUBLARR_BATCH_SIZE" in form.fields["batch_size"].help_text
    assert (
        admin_client.get(reverse("admin:core_configentry_changelist"))
        .content.decode()
        .count("Typed settings")
    )


def test_saving_the_page_stores_only_what_changed_as_legacy_text(admin_client: Client) -> None:
    data = settings_post(admin_client, batch_size="20", temperature="0.5")
    data.pop("wanted_anime_only")  # an unticked checkbox is absent
    response = admin_client.post(reverse(SETTINGS), data)
    assert response.status_code == 302
    assert dict(ConfigEntry.objects.values_list("key", "value")) == {
        "batch_size": "20",
        "temperature": "0.5",
        "wanted_anime_only": "False",
    }


def test_a_wrong_type_on_the_page_is_refused_and_nothing_is_saved(admin_client: Client) -> None:
    response = admin_client.post(reverse(SETTINGS), settings_post(admin_client, batch_size="many", port="80"))
    assert response.status_code == 200
    assert response.context["form"].errors["batch_size"]
    assert not ConfigEntry.objects.exists()


def test_a_blank_secret_keeps_the_stored_one(admin_client: Client) -> None:
    ConfigEntry.objects.create(key="sonarr_api_key", value="keep-me")
    page = admin_client.get(reverse(SETTINGS)).content.decode()
    assert "keep-me" not in page
    admin_client.post(reverse(SETTINGS), settings_post(admin_client, sonarr_api_key=""))
    assert ConfigEntry.objects.get(key="sonarr_api_key").value == "keep-me"
    admin_client.post(reverse(SETTINGS), settings_post(admin_client, sonarr_api_key="new-key"))
    assert ConfigEntry.objects.get(key="sonarr_api_key").value == "new-key"
