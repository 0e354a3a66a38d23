"""Change and add forms: every one renders; editable ones save, validate JSON and keep secrets."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import models
from django.forms import Form, NullBooleanSelect
from django.test import Client
from django.urls import reverse

from apps.core.models import LanguageProfile, WantedItem
from apps.hooks.models import WebhookConfig
from apps.providers.models import ScoringWeights
from tests.core.admin.conftest import admin_for, build_rows, model_id, sublarr_models

ALL_MODELS = sublarr_models()


def admin_url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def is_editable(model: type[models.Model]) -> bool:
    from apps.core.admin_tools import ReadOnlyAdminMixin

    return not isinstance(admin_for(model), ReadOnlyAdminMixin)


def posted_values(form: Form) -> dict[str, Any]:
    """What a browser would send back for the form as rendered."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, NullBooleanSelect):
            data[name] = {True: "true", False: "false"}.get(value, "unknown")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.mark.parametrize("model", ALL_MODELS, ids=model_id)
def test_change_page_renders(admin_client: Client, model: type[models.Model]) -> None:
    row = build_rows(model, 3)[1]

    response = admin_client.get(admin_url(model, "change", row.pk))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is is_editable(model)


@pytest.mark.parametrize("model", [m for m in ALL_MODELS if is_editable(m)], ids=model_id)
def test_add_page_renders(admin_client: Client, model: type[models.Model]) -> None:
    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", [m for m in ALL_MODELS if is_editable(m)], ids=model_id)
def test_an_editable_row_saves_unchanged(admin_client: Client, model: type[models.Model]) -> None:
    row = model._default_manager.get(pk=build_rows(model, 3)[1].pk)
    url = admin_url(model, "change", row.pk)
    form = admin_client.get(url).context["adminform"].form
    before = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}

    response = admin_client.post(url, posted_values(form))

    assert response.status_code == 302, response.context["adminform"].form.errors
    row.refresh_from_db()
    after = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= {"updated_at"}, {n: (before[n], after[n]) for n in changed}


def test_a_language_profile_edit_is_saved(admin_client: Client) -> None:
    profile = build_rows(LanguageProfile, 1)[0]
    url = admin_url(LanguageProfile, "change", profile.pk)
    data = posted_values(admin_client.get(url).context["adminform"].form)
    data["target_languages_json"] = '["de", "fr"]'

    response = admin_client.post(url, data)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.target_languages_json == '["de", "fr"]'


def test_edited_json_that_does_not_decode_is_rejected(admin_client: Client) -> None:
    profile = build_rows(LanguageProfile, 1)[0]
    url = admin_url(LanguageProfile, "change", profile.pk)
    data = posted_values(admin_client.get(url).context["adminform"].form)
    data["target_languages_json"] = '["de", '

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Not valid JSON" in str(response.context["adminform"].form.errors["target_languages_json"])
    profile.refresh_from_db()
    assert profile.target_languages_json != '["de", '


def test_untouched_malformed_legacy_json_does_not_block_other_edits(admin_client: Client) -> None:
    item = build_rows(WantedItem, 1)[0]
    WantedItem.objects.filter(pk=item.pk).update(missing_languages="de,fr")
    url = admin_url(WantedItem, "change", item.pk)
    data = posted_values(admin_client.get(url).context["adminform"].form)
    data["status"] = WantedItem.Status.IGNORED

    response = admin_client.post(url, data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.missing_languages) == ("ignored", "de,fr")


def test_a_webhook_secret_is_never_sent_to_the_browser(admin_client: Client) -> None:
    hook = build_rows(WebhookConfig, 1)[0]
    WebhookConfig.objects.filter(pk=hook.pk).update(secret="s3cr3t-signing-key")

    change = admin_client.get(admin_url(WebhookConfig, "change", hook.pk))
    listing = admin_client.get(admin_url(WebhookConfig, "changelist"))

    assert "s3cr3t-signing-key" not in change.content.decode()
    assert "s3cr3t-signing-key" not in listing.content.decode()


def test_a_webhook_secret_left_blank_is_kept_and_can_be_replaced_or_removed(admin_client: Client) -> None:
    hook = build_rows(WebhookConfig, 1)[0]
    WebhookConfig.objects.filter(pk=hook.pk).update(secret="old-key")
    url = admin_url(WebhookConfig, "change", hook.pk)
    data = posted_values(admin_client.get(url).context["adminform"].form)

    assert admin_client.post(url, data).status_code == 302
    hook.refresh_from_db()
    assert hook.secret == "old-key"

    assert admin_client.post(url, {**data, "secret": "new-key"}).status_code == 302
    hook.refresh_from_db()
    assert hook.secret == "new-key"

    assert admin_client.post(url, {**data, "clear_secret": "on"}).status_code == 302
    hook.refresh_from_db()
    assert hook.secret == ""


def test_saving_a_row_stamps_updated_at_in_the_legacy_format(admin_client: Client) -> None:
    weight = build_rows(ScoringWeights, 1)[0]
    url = admin_url(ScoringWeights, "change", weight.pk)
    data = posted_values(admin_client.get(url).context["adminform"].form)
    data["weight_value"] = 77

    assert admin_client.post(url, data).status_code == 302

    weight.refresh_from_db()
    assert weight.weight_value == 77
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", weight.updated_at)


def test_a_profile_added_with_only_a_name_gets_the_legacy_defaults(admin_client: Client) -> None:
    url = admin_url(LanguageProfile, "add")
    data = posted_values(admin_client.get(url).context["adminform"].form)

    response = admin_client.post(url, {**data, "name": "Anime"})

    assert response.status_code == 302
    profile = LanguageProfile.objects.get(name="Anime")
    assert (profile.source_language, profile.target_languages_json) == ("en", '["de"]')
    assert (profile.fallback_chain_json, profile.forced_preference) == ('["ollama"]', "disabled")
    assert profile.is_default is False
