"""Hook tasks: deliver an event to every enabled webhook and script hook for it."""

from __future__ import annotations

from typing import Any

from apps.hooks import scripts, webhooks
from apps.hooks.catalog import ALL_EVENTS
from apps.hooks.models import HookConfig, HookType, WebhookConfig
from apps.tasks.base import retried_task

TEST_EVENT = "test"


# Attempts of one delivery follow the row's retry_count inside the task; the task-level retry
# only covers a worker that died mid-delivery.
@retried_task(max_retries=1, retry_delay=5)
def deliver_webhook(webhook_id: int, event_name: str, payload: dict[str, Any]) -> bool:
    webhook = WebhookConfig.objects.filter(pk=webhook_id).first()
    if webhook is None or (not webhook.enabled and event_name != TEST_EVENT):
        return False
    return webhooks.deliver(webhook, event_name, payload)


@retried_task(max_retries=1, retry_delay=5)
def run_script_hook(hook_id: int, event_name: str, payload: dict[str, Any]) -> bool:
    hook = HookConfig.objects.filter(pk=hook_id).first()
    if hook is None or not hook.enabled:
        return False
    return scripts.run(hook, event_name, payload).success


def emit(event_name: str, payload: dict[str, Any]) -> int:
    """Queue the event for every enabled hook subscribed to it; returns how many were queued."""
    queued = 0
    # A webhook for "*" gets every event, as in legacy.
    subscribed = WebhookConfig.objects.filter(event_name__in=[event_name, ALL_EVENTS], enabled=True)
    for webhook_id in subscribed.values_list("pk", flat=True):
        deliver_webhook.enqueue(webhook_id, event_name, payload)
        queued += 1
    scripts_for_event = HookConfig.objects.filter(
        event_name=event_name, enabled=True, hook_type=HookType.SCRIPT
    ).values_list("pk", flat=True)
    for hook_id in scripts_for_event:
        run_script_hook.enqueue(hook_id, event_name, payload)
        queued += 1
    return queued


def send_test_event(webhook: WebhookConfig) -> Any:
    return deliver_webhook.enqueue(
        webhook.pk, TEST_EVENT, {"message": "Test event from Sublarr", "webhook": webhook.name}
    )
