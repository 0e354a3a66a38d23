"""/api/v1/webhooks: bare arrays, partial PUT, the secret never returned, test deliveries."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from apps.hooks.models import HookLog, WebhookConfig
from tests.api_v1_fixtures import send
from tests.hooks.helpers import Receiver, webhook_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as server:
        yield server


def create(client: Client, **fields: Any) -> Any:
    body = {
        "name": "discord",
        "event_name": "translation_complete",
        "url": "https://example.test/h",
        **fields,
    }
    return send(client, "post", "/api/v1/webhooks", body)


def test_create_stores_the_secret_and_never_answers_it(keyed: Client) -> None:
    response = create(keyed, secret="s3cr3t", retry_count=2)
    assert response.status_code == 201
    row = response.json()
    assert row["secret"] == "***configured***"
    assert (row["enabled"], row["retry_count"], row["timeout_seconds"], row["last_status_code"]) == (
        1,
        2,
        10,
        0,
    )
    assert WebhookConfig.objects.get(pk=row["id"]).secret == "s3cr3t"
    for body in (keyed.get("/api/v1/webhooks").json(), keyed.get(f"/api/v1/webhooks/{row['id']}").json()):
        assert "s3cr3t" not in json.dumps(body)
    assert create(keyed, name="open").json()["secret"] == ""


def test_sending_the_mask_back_keeps_the_secret(keyed: Client) -> None:
    row = create(keyed, secret="s3cr3t").json()
    send(keyed, "put", f"/api/v1/webhooks/{row['id']}", {**row, "name": "renamed"})
    stored = WebhookConfig.objects.get(pk=row["id"])
    assert (stored.name, stored.secret) == ("renamed", "s3cr3t")
    send(keyed, "put", f"/api/v1/webhooks/{row['id']}", {"secret": ""})
    assert WebhookConfig.objects.get(pk=row["id"]).secret == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": " "}, "name is required"),
        ({"event_name": ""}, "event_name is required"),
        ({"event_name": "nope"}, "event_name must be a valid event or '*' for all events"),
        ({"url": "ftp://x"}, "url is required and must start with http:// or https://"),
        ({"url": None}, "url is required and must start with http:// or https://"),
        ({"retry_count": "many"}, "retry_count must be a whole number of at least 0"),
        ({"secret": 5}, "secret must be a string"),
    ],
)
def test_bad_input_is_a_400_and_nothing_is_created(
    keyed: Client, fields: dict[str, Any], message: str
) -> None:
    response = create(keyed, **fields)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert not WebhookConfig.objects.exists()


def test_a_webhook_for_every_event_is_allowed_and_lists_filter_by_event(keyed: Client) -> None:
    every = create(keyed, event_name="*").json()["id"]
    one = create(keyed).json()["id"]
    assert [row["id"] for row in keyed.get("/api/v1/webhooks").json()] == [every, one]
    assert [row["id"] for row in keyed.get("/api/v1/webhooks", {"event_name": "*"}).json()] == [every]


def test_a_bad_partial_update_changes_nothing(keyed: Client) -> None:
    row = create(keyed).json()
    response = send(keyed, "put", f"/api/v1/webhooks/{row['id']}", {"name": "x", "url": "nope"})
    assert response.status_code == 400
    assert WebhookConfig.objects.get(pk=row["id"]).name == "discord"
    assert send(keyed, "put", "/api/v1/webhooks/404", {"name": "x"}).json() == {"error": "Webhook not found"}


def test_test_delivers_now_signed_with_sample_values(keyed: Client, receiver: Receiver) -> None:
    row = create(keyed, url=receiver.url, secret="k").json()
    result = keyed.post(f"/api/v1/webhooks/{row['id']}/test").json()
    assert set(result) == {"success", "status_code", "error", "duration_ms"}
    assert (result["success"], result["status_code"], result["error"]) == (True, 200, "")
    request = receiver.requests[0]
    sent = json.loads(request["body"])
    assert sent["event"] == "translation_complete"
    assert sent["data"]["job_id"] == "test_value"
    expected = "sha256=" + hmac.new(b"k", request["body"], hashlib.sha256).hexdigest()
    assert request["headers"]["X-Sublarr-Signature"] == expected
    # As in legacy, a test delivery is neither logged nor counted.
    assert not HookLog.objects.exists()
    assert WebhookConfig.objects.get(pk=row["id"]).trigger_count == 0


def test_a_webhook_for_every_event_is_tested_with_config_updated(keyed: Client, receiver: Receiver) -> None:
    row = create(keyed, url=receiver.url, event_name="*").json()
    keyed.post(f"/api/v1/webhooks/{row['id']}/test")
    assert json.loads(receiver.requests[0]["body"])["data"] == {
        "changed_keys": "test_value",
        "source": "test_value",
    }


def test_a_failing_receiver_is_reported(keyed: Client, receiver: Receiver) -> None:
    receiver.statuses = [404]
    row = create(keyed, url=receiver.url, retry_count=0).json()
    result = keyed.post(f"/api/v1/webhooks/{row['id']}/test").json()
    assert (result["success"], result["status_code"]) == (False, 404)
    assert "404" in result["error"]


def test_a_server_error_left_after_the_retries_reports_status_zero(keyed: Client, receiver: Receiver) -> None:
    # Legacy's client retried 429/5xx itself and raised once the retries ran out: status_code 0.
    receiver.statuses = [503, 500]
    row = create(keyed, url=receiver.url, retry_count=1).json()
    result = keyed.post(f"/api/v1/webhooks/{row['id']}/test").json()
    assert (result["success"], result["status_code"]) == (False, 0)
    assert "500" in result["error"]
    assert len(receiver.requests) == 2


def test_an_unreachable_url_reports_status_zero(keyed: Client, receiver: Receiver) -> None:
    receiver.server.shutdown()
    receiver.server.server_close()
    row = create(keyed, url=receiver.url, retry_count=0, timeout_seconds=2).json()
    result = keyed.post(f"/api/v1/webhooks/{row['id']}/test").json()
    assert (result["success"], result["status_code"]) == (False, 0)
    assert result["error"]


def test_delete_is_204_and_removes_the_row(keyed: Client) -> None:
    row_id = create(keyed).json()["id"]
    assert keyed.delete(f"/api/v1/webhooks/{row_id}").status_code == 204
    assert keyed.get(f"/api/v1/webhooks/{row_id}").status_code == 404
