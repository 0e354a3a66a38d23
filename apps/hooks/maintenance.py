"""The hooks app's maintenance step: the hook log past the retention window."""

from __future__ import annotations

from datetime import datetime

from apps.core.timestamps import earlier_than
from apps.hooks.models import HookLog
from apps.tasks.maintenance import retention, step


@step("hook_log rows pruned")
def prune_hook_log(now: datetime) -> int:
    return HookLog.objects.filter(earlier_than("triggered_at", now - retention())).delete()[0]
