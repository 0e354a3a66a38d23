"""/api/v1/hooks: script hooks (bare arrays, partial PUT, catalog-checked), test runs and the log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from apps.hooks.models import HookConfig, HookLog
from tests.api_v1_fixtures import send
from tests.hooks.helpers import hooks_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooks_dir(tmp_path: Path) -> Iterator[Path]:
    with hooks_folder(tmp_path) as folder:
        yield folder


def create(client: Client, **fields: Any) -> Any:
    body = {"name": "notify", "event_name": "subtitle_downloaded", "script_path": "notify.sh", **fields}
    return send(client, "post", "/api/v1/hooks", body)


def test_create_answers_201_with_the_legacy_row(keyed: Client) -> None:
    response = create(keyed, name="  notify  ", timeout_seconds="15")
    assert response.status_code == 201
    row = response.json()
    assert list(row) == [
        "id",
        "name",
        "event_name",
        "hook_type",
        "enabled",
        "script_path",
        "timeout_seconds",
        "last_triggered_at",
        "last_status",
        "trigger_count",
        "created_at",
        "updated_at",
    ]
    assert (row["name"], row["hook_type"], row["enabled"], row["timeout_seconds"]) == (
        "notify",
        "script",
        1,
        15,
    )
    assert (row["last_status"], row["trigger_count"]) == ("", 0)
    assert HookConfig.objects.get(pk=row["id"]).timeout_seconds == 15


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "name is required"),
        ({"name": 5}, "name is required"),
        ({"event_name": "no_such_event"}, "event_name must be a valid event from the catalog"),
        ({"event_name": "*"}, "event_name must be a valid event from the catalog"),
        ({"script_path": " "}, "script_path is required"),
        ({"timeout_seconds": "soon"}, "timeout_seconds must be a whole number of at least 1"),
        ({"timeout_seconds": 0}, "timeout_seconds must be a whole number of at least 1"),
    ],
)
def test_bad_input_is_a_400_and_nothing_is_created(
    keyed: Client, fields: dict[str, Any], message: str
) -> None:
    response = create(keyed, **fields)
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert not HookConfig.objects.exists()


def test_list_is_a_bare_array_by_id_filtered_by_event(keyed: Client) -> None:
    first = create(keyed, name="b").json()["id"]
    second = create(keyed, name="a", event_name="translation_failed").json()["id"]
    assert [row["id"] for row in keyed.get("/api/v1/hooks").json()] == [first, second]
    filtered = keyed.get("/api/v1/hooks", {"event_name": "translation_failed"}).json()
    assert [row["id"] for row in filtered] == [second]


def test_put_changes_only_the_fields_sent(keyed: Client) -> None:
    hook = create(keyed).json()
    response = send(keyed, "put", f"/api/v1/hooks/{hook['id']}", {"enabled": False, "ignored": "x"})
    assert response.status_code == 200
    row = response.json()
    assert (row["enabled"], row["name"], row["script_path"]) == (0, "notify", "notify.sh")
    assert row["updated_at"] >= hook["updated_at"]
    bad = send(keyed, "put", f"/api/v1/hooks/{hook['id']}", {"name": "new", "event_name": "bogus"})
    assert bad.status_code == 400
    assert HookConfig.objects.get(pk=hook["id"]).name == "notify"


def test_a_missing_hook_is_a_404_and_delete_is_always_204(keyed: Client) -> None:
    assert keyed.get("/api/v1/hooks/999").json() == {"error": "Hook not found"}
    assert keyed.get("/api/v1/hooks/999").status_code == 404
    assert send(keyed, "put", "/api/v1/hooks/999", {"name": "x"}).status_code == 404
    assert keyed.post("/api/v1/hooks/999/test").status_code == 404
    assert keyed.get("/api/v1/hooks/99999999999999999999").status_code == 404
    hook_id = create(keyed).json()["id"]
    assert keyed.delete(f"/api/v1/hooks/{hook_id}").status_code == 204
    assert keyed.delete(f"/api/v1/hooks/{hook_id}").status_code == 204
    assert not HookConfig.objects.exists()


def test_test_runs_the_script_now_with_sample_values(keyed: Client, hooks_dir: Path) -> None:
    script = hooks_dir / "notify.sh"
    script.write_text('#!/bin/sh\necho "provider=$SUBLARR_PROVIDER_NAME"\necho oops >&2\nexit 3\n')
    script.chmod(0o755)
    hook_id = create(keyed).json()["id"]
    result = keyed.post(f"/api/v1/hooks/{hook_id}/test").json()
    assert set(result) == {"success", "exit_code", "stdout", "stderr", "error", "duration_ms"}
    assert (result["success"], result["exit_code"]) == (False, 3)
    assert result["stdout"] == "provider=test_value\n"
    assert result["stderr"] == "oops\n"
    assert result["error"]
    # As in legacy, a test run is neither logged nor counted.
    assert not HookLog.objects.exists()
    assert HookConfig.objects.get(pk=hook_id).trigger_count == 0


def test_a_missing_script_is_reported_as_legacy_did(keyed: Client, hooks_dir: Path) -> None:
    hook_id = create(keyed, script_path="/config/hooks/notify.sh").json()["id"]
    assert keyed.post(f"/api/v1/hooks/{hook_id}/test").json() == {
        "success": False,
        "exit_code": -1,
        "stdout": "",
        "stderr": "",
        "error": "Script not found: /config/hooks/notify.sh",
        "duration_ms": 0,
    }


def test_a_script_that_cannot_run_reports_exit_code_minus_one(keyed: Client, hooks_dir: Path) -> None:
    hook_id = create(keyed, script_path="/etc/passwd").json()["id"]
    result = keyed.post(f"/api/v1/hooks/{hook_id}/test").json()
    assert (result["success"], result["exit_code"]) == (False, -1)
    assert "outside the hooks folder" in result["error"]


def log(**fields: Any) -> HookLog:
    defaults = {"event_name": "subtitle_downloaded", "hook_type": "script", "success": True}
    return HookLog.objects.create(**{**defaults, **fields})


def test_logs_newest_first_filtered_and_limited(keyed: Client) -> None:
    log(hook_id=1, triggered_at="2026-01-01T00:00:01")
    log(hook_id=2, triggered_at="2026-01-01T00:00:03", success=False)
    log(webhook_id=7, hook_type="webhook", status_code=500, triggered_at="2026-01-01T00:00:02")
    rows = keyed.get("/api/v1/hooks/logs").json()
    assert [row["triggered_at"][-2:] for row in rows] == ["03", "02", "01"]
    assert rows[0]["success"] == 0 and rows[1]["status_code"] == 500
    assert [row["hook_id"] for row in keyed.get("/api/v1/hooks/logs", {"hook_id": 1}).json()] == [1]
    assert [row["webhook_id"] for row in keyed.get("/api/v1/hooks/logs", {"webhook_id": 7}).json()] == [7]
    assert len(keyed.get("/api/v1/hooks/logs", {"limit": 2}).json()) == 2
    assert len(keyed.get("/api/v1/hooks/logs", {"limit": "x"}).json()) == 3
    assert len(keyed.get("/api/v1/hooks/logs", {"limit": -1}).json()) == 3


def test_logs_do_not_query_per_row(keyed: Client, django_assert_max_num_queries: Any) -> None:
    HookLog.objects.bulk_create(
        HookLog(event_name="e", hook_type="script", success=True, triggered_at=f"2026-01-01T{n:05d}")
        for n in range(60)
    )
    with django_assert_max_num_queries(3):
        assert len(keyed.get("/api/v1/hooks/logs").json()) == 50


def test_clearing_the_log_deletes_every_entry(keyed: Client) -> None:
    log(hook_id=1)
    assert keyed.delete("/api/v1/hooks/logs").status_code == 204
    assert not HookLog.objects.exists()
