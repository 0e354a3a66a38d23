"""/api/v2 hook resources: webhook secrets write-only, event names from the catalog, logs read-only."""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.hooks.models import HookLog, WebhookConfig

WEBHOOK = {"name": "notify", "event_name": "subtitle_downloaded", "url": "https://example.test/hook"}


def test_a_webhook_secret_is_write_only(api_client: APIClient) -> None:
    created = api_client.post("/api/v2/webhooks", {**WEBHOOK, "secret": "hmac-key"}, format="json")
    assert created.status_code == 201, created.json()
    webhook_id = created.json()["id"]
    assert "secret" not in created.json() and created.json()["has_secret"] is True
    assert WebhookConfig.objects.get(pk=webhook_id).secret == "hmac-key"
    for body in (
        api_client.get(f"/api/v2/webhooks/{webhook_id}").content,
        api_client.get("/api/v2/webhooks").content,
    ):
        assert b"hmac-key" not in body and b'"secret"' not in body


def test_a_webhook_update_without_a_secret_keeps_it(api_client: APIClient) -> None:
    webhook = WebhookConfig.objects.create(**WEBHOOK, secret="keep-me")
    response = api_client.patch(f"/api/v2/webhooks/{webhook.pk}", {"name": "renamed"}, format="json")
    assert response.status_code == 200
    webhook.refresh_from_db()
    assert (webhook.name, webhook.secret) == ("renamed", "keep-me")


def test_a_webhook_needs_an_http_url(api_client: APIClient) -> None:
    response = api_client.post("/api/v2/webhooks", {**WEBHOOK, "url": "file:///etc/passwd"}, format="json")
    assert response.status_code == 400 and "url" in response.json()


def test_a_hook_rejects_an_unknown_type(api_client: APIClient) -> None:
    body = {"name": "x", "event_name": "subtitle_downloaded", "hook_type": "email"}
    response = api_client.post("/api/v2/hooks", body, format="json")
    assert response.status_code == 400 and "hook_type" in response.json()
    assert api_client.post("/api/v2/hooks", {**body, "hook_type": "script"}, format="json").status_code == 201


def test_a_hook_rejects_an_event_outside_the_catalog(api_client: APIClient) -> None:
    body = {"name": "x", "event_name": "no_such_event", "hook_type": "script"}
    response = api_client.post("/api/v2/hooks", body, format="json")
    assert response.status_code == 400 and "event_name" in response.json()


def test_hook_logs_are_read_only_and_clear_by_filter(api_client: APIClient) -> None:
    HookLog.objects.create(hook_id=1, event_name="e", hook_type="script", success=True)
    HookLog.objects.create(hook_id=2, event_name="e", hook_type="script", success=False)
    rows = api_client.get("/api/v2/hook-logs", {"success": "false"}).json()["data"]
    assert [(r["hook_id"], r["success"]) for r in rows] == [(2, False)]
    assert api_client.post("/api/v2/hook-logs", {"event_name": "e"}, format="json").status_code == 405
    assert api_client.post("/api/v2/hook-logs/clear?hook_id=1").json() == {"deleted": 1}
    assert list(HookLog.objects.values_list("hook_id", flat=True)) == [2]
