"""Webhook delivery against a local HTTP receiver: body, signature, retries, timeout, log, counters."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from apps.hooks.models import HookLog, WebhookConfig
from apps.hooks.tasks import deliver_webhook, emit
from apps.hooks.webhooks import SIGNATURE_HEADER
from tests.hooks.helpers import Receiver, webhook_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as server:
        yield server


def webhook(url: str, **fields: Any) -> WebhookConfig:
    return WebhookConfig.objects.create(
        name="test", event_name="subtitle_downloaded", url=url, secret="s3cret", **fields
    )


def test_it_posts_the_event_as_signed_json(receiver: Receiver) -> None:
    hook = webhook(receiver.url)
    assert deliver_webhook.call(hook.pk, "subtitle_downloaded", {"file": "/m/a.mkv", "score": 91})

    [request] = receiver.requests
    body = request["body"]
    assert json.loads(body)["event"] == "subtitle_downloaded"
    assert json.loads(body)["data"] == {"file": "/m/a.mkv", "score": 91}
    assert request["headers"]["Content-Type"] == "application/json"
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert request["headers"][SIGNATURE_HEADER] == expected


def test_it_sends_no_signature_without_a_secret(receiver: Receiver) -> None:
    hook = webhook(receiver.url)
    WebhookConfig.objects.filter(pk=hook.pk).update(secret="")
    deliver_webhook.call(hook.pk, "subtitle_downloaded", {})
    assert SIGNATURE_HEADER not in receiver.requests[0]["headers"]


def test_it_retries_on_500_and_logs_every_attempt(receiver: Receiver) -> None:
    receiver.statuses = [500, 502]
    hook = webhook(receiver.url, retry_count=3)
    assert deliver_webhook.call(hook.pk, "subtitle_downloaded", {"n": 1})

    assert len(receiver.requests) == 3
    log = list(HookLog.objects.filter(webhook_id=hook.pk).order_by("id"))
    assert [(e.success, e.status_code) for e in log] == [(False, 500), (False, 502), (True, 200)]
    assert all(e.hook_type == "webhook" and e.event_name == "subtitle_downloaded" for e in log)
    hook.refresh_from_db()
    assert (hook.trigger_count, hook.last_status_code, hook.last_error, hook.consecutive_failures) == (
        1,
        200,
        "",
        0,
    )
    assert hook.last_triggered_at


def test_retries_stop_at_the_rows_retry_count(receiver: Receiver) -> None:
    receiver.statuses = [500] * 10
    hook = webhook(receiver.url, retry_count=2)
    assert not deliver_webhook.call(hook.pk, "subtitle_downloaded", {})
    assert not deliver_webhook.call(hook.pk, "subtitle_downloaded", {})

    assert len(receiver.requests) == 6  # two deliveries, 1 + 2 retries each
    hook.refresh_from_db()
    assert (hook.trigger_count, hook.last_status_code, hook.consecutive_failures) == (2, 500, 2)
    assert hook.last_error is not None and "500" in hook.last_error
    assert HookLog.objects.filter(webhook_id=hook.pk, success=False).count() == 6


def test_a_client_error_is_not_retried(receiver: Receiver) -> None:
    receiver.statuses = [404]
    hook = webhook(receiver.url, retry_count=3)
    assert not deliver_webhook.call(hook.pk, "subtitle_downloaded", {})
    assert len(receiver.requests) == 1


def test_a_slow_receiver_times_out_at_the_rows_timeout(receiver: Receiver) -> None:
    receiver.delay = 3
    hook = webhook(receiver.url, retry_count=0, timeout_seconds=1)
    started = time.monotonic()
    assert not deliver_webhook.call(hook.pk, "subtitle_downloaded", {})
    assert time.monotonic() - started < 2.5

    entry = HookLog.objects.get(webhook_id=hook.pk)
    assert entry.status_code is None and entry.error is not None and "timed out" in entry.error.lower()
    hook.refresh_from_db()
    assert (hook.last_status_code, hook.consecutive_failures) == (0, 1)


def test_an_unreachable_url_is_retried_then_logged(receiver: Receiver) -> None:
    receiver.server.shutdown()
    receiver.server.server_close()
    hook = webhook(receiver.url, retry_count=1)
    assert not deliver_webhook.call(hook.pk, "subtitle_downloaded", {})
    assert HookLog.objects.filter(webhook_id=hook.pk, success=False).count() == 2


def test_emit_queues_only_enabled_hooks_for_the_event(receiver: Receiver) -> None:
    webhook(receiver.url)
    webhook(receiver.url, enabled=False)
    WebhookConfig.objects.create(name="other", event_name="other_event", url=receiver.url)
    assert emit("subtitle_downloaded", {"a": 1}) == 1
