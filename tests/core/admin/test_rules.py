"""The admin goes through the models' rules: one default profile, the last preset, expired cache rows."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from apps.core.models import LanguageProfile
from apps.providers.models import ProviderCache
from apps.translation.models import PromptPreset
from tests.core.admin.test_forms import admin_url, posted_values

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_second_default_profile(admin_client: Client) -> None:
    LanguageProfile.objects.create(name="Default", is_default=True)
    url = admin_url(LanguageProfile, "add")
    data = posted_values(admin_client.get(url).context["adminform"].form)

    response = admin_client.post(url, {**data, "name": "Anime", "is_default": "on"})

    assert response.status_code == 200  # the form again, with the error
    assert "is_default" in response.context["adminform"].form.errors
    assert list(LanguageProfile.objects.values_list("name", flat=True)) == ["Default"]


def test_the_admin_moves_the_default_with_its_action(admin_client: Client) -> None:
    LanguageProfile.objects.create(name="Default", is_default=True)
    anime = LanguageProfile.objects.create(name="Anime")
    url = admin_url(LanguageProfile, "changelist")

    admin_client.post(url, {"action": "make_default", ACTION_CHECKBOX_NAME: [anime.pk]})

    assert list(LanguageProfile.objects.filter(is_default=True).values_list("name", flat=True)) == ["Anime"]


def test_the_admin_does_not_delete_the_default_profile(admin_client: Client) -> None:
    default = LanguageProfile.objects.create(name="Default", is_default=True)
    url = admin_url(LanguageProfile, "delete", default.pk)

    page = admin_client.get(url)
    admin_client.post(url, {"post": "yes"})

    assert "cannot be deleted" in page.content.decode()
    assert LanguageProfile.objects.filter(pk=default.pk).exists()


def test_bulk_delete_keeps_the_last_prompt_preset(admin_client: Client) -> None:
    presets = [PromptPreset.objects.create(name=n, prompt_template="t") for n in ("a", "b")]
    url = admin_url(PromptPreset, "changelist")

    admin_client.post(
        url, {"action": "delete_selected", "post": "yes", ACTION_CHECKBOX_NAME: [p.pk for p in presets]}
    )

    assert PromptPreset.objects.count() == 2
    admin_client.post(
        url, {"action": "delete_selected", "post": "yes", ACTION_CHECKBOX_NAME: [presets[0].pk]}
    )
    assert list(PromptPreset.objects.values_list("name", flat=True)) == ["b"]


def test_delete_expired_counts_both_legacy_timestamp_spellings(admin_client: Client) -> None:
    rows = [
        ProviderCache.objects.create(
            provider_name="p", query_hash=str(n), results_json="[]", expires_at=expires_at
        )
        for n, expires_at in enumerate(
            [
                "2000-01-01T00:00:00.000001",
                "2000-01-01 00:00:00",
                "2999-01-01T00:00:00",
                "2999-01-01 00:00:00",
            ]
        )
    ]

    admin_client.post(
        admin_url(ProviderCache, "changelist"),
        {"action": "delete_expired", ACTION_CHECKBOX_NAME: [rows[2].pk]},
    )

    assert sorted(ProviderCache.objects.values_list("expires_at", flat=True)) == [
        "2999-01-01 00:00:00",
        "2999-01-01T00:00:00",
    ]
