"""The hook log is pruned past the retention window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_django import Settings

from apps.hooks.maintenance import prune_hook_log
from apps.hooks.models import HookLog
from tests.moments import NOW, plain

pytestmark = pytest.mark.django_db


def test_hook_log_is_pruned_past_the_retention(settings: Settings) -> None:
    settings.HISTORY_RETENTION_DAYS = 30
    old = HookLog.objects.create(event_name="e", hook_type="webhook", success=True)
    HookLog.objects.filter(pk=old.pk).update(triggered_at=plain(NOW - timedelta(days=31)))
    recent = HookLog.objects.create(event_name="e", hook_type="webhook", success=True)
    HookLog.objects.filter(pk=recent.pk).update(triggered_at=plain(NOW - timedelta(days=29)))

    assert prune_hook_log(NOW) == 1
    assert list(HookLog.objects.values_list("pk", flat=True)) == [recent.pk]
