"""Stats, caches and logs: viewable and deletable in the admin, never added or changed."""

from __future__ import annotations

import pytest
from django.db import models
from django.test import Client

from apps.core.admin_tools import ReadOnlyAdminMixin
from apps.core.models import DailyStats, FfprobeCache, Job, UpgradeHistory
from apps.hooks.models import HookLog
from apps.providers.models import ProviderCache, ProviderStats, SubtitleDownload
from apps.standalone.models import MetadataCache
from apps.translation.models import TranslationBackendStats, TranslationConfigHistory, WhisperJob
from tests.core.admin.conftest import admin_for, build_rows, model_id, sublarr_models
from tests.core.admin.test_forms import admin_url

READ_ONLY_MODELS = [
    Job,
    DailyStats,
    UpgradeHistory,
    FfprobeCache,
    ProviderCache,
    SubtitleDownload,
    ProviderStats,
    TranslationConfigHistory,
    TranslationBackendStats,
    WhisperJob,
    HookLog,
    MetadataCache,
]


def test_exactly_the_stats_caches_and_logs_are_read_only() -> None:
    read_only = [m for m in sublarr_models() if isinstance(admin_for(m), ReadOnlyAdminMixin)]
    assert sorted(read_only, key=model_id) == sorted(READ_ONLY_MODELS, key=model_id)


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=model_id)
def test_read_only_admin_refuses_add(admin_client: Client, model: type[models.Model]) -> None:
    assert admin_client.get(admin_url(model, "add")).status_code == 403
    assert admin_client.post(admin_url(model, "add"), {}).status_code == 403
    assert not model._default_manager.exists()


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=model_id)
def test_read_only_admin_refuses_change(admin_client: Client, model: type[models.Model]) -> None:
    row = model._default_manager.get(pk=build_rows(model, 1)[0].pk)
    before = [getattr(row, f.attname) for f in model._meta.concrete_fields]

    response = admin_client.post(admin_url(model, "change", row.pk), {"file_path": "changed"})

    assert response.status_code == 403
    row.refresh_from_db()
    assert [getattr(row, f.attname) for f in model._meta.concrete_fields] == before


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=model_id)
def test_read_only_admin_shows_no_inputs_on_the_change_page(
    admin_client: Client, model: type[models.Model]
) -> None:
    row = build_rows(model, 1)[0]

    response = admin_client.get(admin_url(model, "change", row.pk))

    assert response.status_code == 200
    assert not response.context["has_add_permission"]
    assert not response.context["has_change_permission"]
    assert '<input type="submit" value="Save"' not in response.content.decode()


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=model_id)
def test_read_only_rows_can_be_deleted(admin_client: Client, model: type[models.Model]) -> None:
    rows = build_rows(model, 3)

    response = admin_client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [rows[0].pk, rows[1].pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(model._default_manager.values_list("pk", flat=True)) == [rows[2].pk]


@pytest.mark.parametrize("model", [ProviderCache, MetadataCache], ids=model_id)
def test_delete_expired_clears_only_expired_cache_entries(
    admin_client: Client, model: type[models.Model]
) -> None:
    expired, fresh = build_rows(model, 2)
    model._default_manager.filter(pk=expired.pk).update(expires_at="2000-01-01T00:00:00")
    model._default_manager.filter(pk=fresh.pk).update(expires_at="9999-01-01T00:00:00")

    response = admin_client.post(
        admin_url(model, "changelist"), {"action": "delete_expired", "_selected_action": [fresh.pk]}
    )

    assert response.status_code == 302
    assert list(model._default_manager.values_list("pk", flat=True)) == [fresh.pk]
