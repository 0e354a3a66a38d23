"""Webhook delivery: signed JSON POSTs with per-row timeout and retries, every attempt logged."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import F

from apps.hooks.models import HookLog, HookType, WebhookConfig
from sublarr.db.fields import now_iso
from sublarr.events import event, publish

SIGNATURE_HEADER = "X-Sublarr-Signature"
EVENT_HEADER = "X-Sublarr-Event"
ERROR_LIMIT = 2000


@dataclass
class Attempt:
    success: bool
    status_code: int | None
    error: str
    duration_ms: float

    @property
    def retryable(self) -> bool:
        # Server errors, rate limits and network failures may pass on a later try; other client
        # errors (a wrong URL, a rejected signature) will not.
        return not self.success and (
            self.status_code is None or self.status_code >= 500 or self.status_code == 429
        )


def body_for(event_name: str, payload: dict[str, Any]) -> bytes:
    return json.dumps({"event": event_name, "timestamp": now_iso(), "data": payload}).encode()


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(webhook: WebhookConfig, event_name: str, body: bytes) -> Attempt:
    headers = {"Content-Type": "application/json", "User-Agent": "Sublarr", EVENT_HEADER: event_name}
    if webhook.secret:
        headers[SIGNATURE_HEADER] = signature(webhook.secret, body)
    request = urllib.request.Request(webhook.url, data=body, headers=headers, method="POST")
    started = time.monotonic()
    status: int | None = None
    error = ""
    try:
        with urllib.request.urlopen(request, timeout=webhook.timeout_seconds or 10) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        error = f"{type(reason).__name__}: {reason}"
    duration = (time.monotonic() - started) * 1000
    success = status is not None and 200 <= status < 300
    return Attempt(success, status, "" if success else error[:ERROR_LIMIT], duration)


def log_attempt(webhook: WebhookConfig, event_name: str, attempt: Attempt) -> HookLog:
    entry = HookLog.objects.create(
        webhook_id=webhook.pk,
        event_name=event_name,
        hook_type=HookType.WEBHOOK,
        success=attempt.success,
        status_code=attempt.status_code,
        error=attempt.error,
        duration_ms=round(attempt.duration_ms, 1),
    )
    publish(
        event(
            "hook.executed",
            entry.pk,
            status="success" if attempt.success else "failed",
            hook_type=HookType.WEBHOOK,
            webhook_id=webhook.pk,
            event_name=event_name,
        )
    )
    return entry


def deliver(webhook: WebhookConfig, event_name: str, payload: dict[str, Any]) -> bool:
    """POST once, then up to retry_count more times on retryable failures; True if delivered."""
    return deliver_attempt(webhook, event_name, payload).success


def deliver_attempt(
    webhook: WebhookConfig, event_name: str, payload: dict[str, Any], *, record: bool = True
) -> Attempt:
    """As `deliver`, answering the last attempt. A test run (record=False) is neither logged nor
    counted, as the legacy test was not."""
    body = body_for(event_name, payload)
    tries = 1 + max(webhook.retry_count or 0, 0)
    attempt = None
    for number in range(1, tries + 1):
        attempt = post(webhook, event_name, body)
        if record:
            log_attempt(webhook, event_name, attempt)
        if attempt.success or not attempt.retryable or number == tries:
            break
        time.sleep(settings.WEBHOOK_RETRY_DELAY_SECONDS * 2 ** (number - 1))
    assert attempt is not None
    if not record:
        return attempt
    WebhookConfig.objects.filter(pk=webhook.pk).update(
        trigger_count=F("trigger_count") + 1,
        last_triggered_at=now_iso(),
        last_status_code=attempt.status_code or 0,
        last_error=attempt.error,
        consecutive_failures=0 if attempt.success else F("consecutive_failures") + 1,
        updated_at=now_iso(),
    )
    return attempt
