"""/api/v1 jobs: the list, one job's status, translate and retry (a queued run), re-translate, its status."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from apps.core.models import DailyStats, Job, WantedItem
from apps.core.tasks import NO_TRANSLATION, run_translation_job
from sublarr.api.keys import current_api_key
from sublarr.db.fields import now_iso
from sublarr.services import embedded_services, redis_services
from tests.api_v1_fixtures import send
from tests.queues import services_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_X_API_KEY=current_api_key())


def job(n: int, **values: Any) -> Job:
    defaults = {
        "id": f"job{n:05d}",
        "file_path": f"/tv/{n}.mkv",
        "status": "completed",
        "created_at": f"2026-01-01T00:00:{n:02d}",
    }
    return Job.objects.create(**{**defaults, **values})


def ids(response: Any) -> list[str]:
    return [row["id"] for row in response.json()["data"]]


def test_the_list_is_newest_first_with_json_parsed_and_renamed(client: Client) -> None:
    job(1)
    job(
        2,
        status="failed",
        stats_json='{"lines": 10, "format": "ass"}',
        bazarr_context_json='{"sonarr_series_id": 3}',
        force=True,
        error="Ollama timeout",
    )
    body = client.get("/api/v1/jobs").json()
    assert [row["id"] for row in body["data"]] == ["job00002", "job00001"]
    assert {k: v for k, v in body.items() if k != "data"} == {
        "page": 1,
        "per_page": 50,
        "total": 2,
        "total_pages": 1,
    }
    assert body["data"][0] == {
        "id": "job00002",
        "file_path": "/tv/2.mkv",
        "status": "failed",
        "source_format": "",
        "output_path": "",
        "error": "Ollama timeout",
        "force": True,
        "created_at": "2026-01-01T00:00:02",
        "completed_at": "",
        "config_hash": "",
        "stats": {"lines": 10, "format": "ass"},
        "arr_context": {"sonarr_series_id": 3},
    }


@pytest.mark.parametrize(
    ("stats", "context", "parsed_stats", "parsed_context"),
    [("", "", {}, None), (None, None, {}, None), ("{bad", "{bad", {}, None), ("[1]", "null", [1], None)],
)
def test_empty_or_malformed_json_reads_as_legacy_read_it(
    client: Client, stats: str | None, context: str | None, parsed_stats: Any, parsed_context: Any
) -> None:
    job(1, stats_json=stats, bazarr_context_json=context, force=None)
    row = client.get("/api/v1/jobs").json()["data"][0]
    assert (row["stats"], row["arr_context"], row["force"]) == (parsed_stats, parsed_context, False)


def test_it_filters_by_status_and_pages(client: Client) -> None:
    for n in range(1, 6):
        job(n, status="failed" if n % 2 else "completed")
    assert ids(client.get("/api/v1/jobs", {"status": "failed"})) == ["job00005", "job00003", "job00001"]
    body = client.get("/api/v1/jobs", {"status": "failed", "per_page": "2", "page": "2"}).json()
    assert [row["id"] for row in body["data"]] == ["job00001"]
    assert (body["total"], body["total_pages"]) == (3, 2)
    assert client.get("/api/v1/jobs", {"per_page": 999}).json()["per_page"] == 200
    assert client.get("/api/v1/jobs", {"status": "nonsense"}).json()["total"] == 0


def test_one_jobs_status(client: Client) -> None:
    job(1, stats_json='{"lines": 3}')
    response = client.get("/api/v1/status/job00001")
    assert response.status_code == 200
    assert response.json()["stats"] == {"lines": 3} and response.json()["id"] == "job00001"


def test_an_unknown_job_is_a_404(client: Client) -> None:
    response = client.get("/api/v1/status/nope")
    assert response.status_code == 404 and response.json() == {"error": "Job not found"}


def jobs_table() -> list[tuple[Any, ...]]:
    return list(Job.objects.order_by("id").values_list())


def error(response: Any) -> tuple[int, dict[str, Any]]:
    return response.status_code, response.json()


def test_retry_refuses_an_unknown_job_one_not_failed_and_a_missing_file(client: Client) -> None:
    job(1, status="completed")
    job(2, status="failed", file_path="/nowhere/S01E02.mkv")
    before = jobs_table()
    assert error(client.post("/api/v1/jobs/nope/retry")) == (404, {"error": "Job not found"})
    assert error(client.post("/api/v1/jobs/job00001/retry")) == (
        400,
        {"error": "Only failed jobs can be retried"},
    )
    assert error(client.post("/api/v1/jobs/job00002/retry/")) == (
        404,
        {"error": "File not found: /nowhere/S01E02.mkv"},
    )
    assert jobs_table() == before


@pytest.fixture
def embedded_queue() -> Iterator[None]:
    """Tasks go to the database backend whatever SUBLARR_REDIS_URL says: their rows are read here."""
    with services_settings(embedded_services()):
        yield


def queued_runs() -> list[tuple[str, Any]]:
    return list(DBTaskResult.objects.order_by("enqueued_at").values_list("task_path", "args_kwargs"))


def test_retry_of_a_failed_job_on_disk_queues_a_new_forced_job_for_the_same_file(
    client: Client, tmp_path: Path, embedded_queue: None
) -> None:
    media = tmp_path / "S01E03.mkv"
    media.write_bytes(b"")
    context = '{"sonarr_series_id": 3, "sonarr_episode_id": 30}'
    job(3, status="failed", file_path=str(media), error="Ollama timeout", bazarr_context_json=context)
    before = jobs_table()

    response = client.post("/api/v1/jobs/job00003/retry")

    assert response.status_code == 202
    body = response.json()
    new_id = body["job_id"]
    assert body == {
        "status": "queued",
        "job_id": new_id,
        "original_job_id": "job00003",
        "file_path": str(media),
    }
    assert len(new_id) == 8 and new_id != "job00003"
    assert [row for row in jobs_table() if row[0] != new_id] == before  # the failed job is kept as it was
    created = client.get(f"/api/v1/status/{new_id}").json()
    assert created == {
        "id": new_id,
        "file_path": str(media),
        "status": "queued",
        "source_format": "",
        "output_path": "",
        "error": "",
        "force": True,
        "created_at": created["created_at"],
        "completed_at": "",
        "config_hash": "",
        "stats": {},
        "arr_context": {"sonarr_series_id": 3, "sonarr_episode_id": 30},
    }
    assert datetime.fromisoformat(created["created_at"]) > datetime.fromisoformat("2026-01-01T00:00:03")
    assert queued_runs() == [("apps.core.tasks.run_translation_job", {"args": [new_id], "kwargs": {}})]


def test_the_queued_run_marks_the_job_failed_since_no_translation_runs_here(
    client: Client, tmp_path: Path, embedded_queue: None
) -> None:
    media = tmp_path / "S01E04.mkv"
    media.write_bytes(b"")
    job(4, status="failed", file_path=str(media))
    new_id = client.post("/api/v1/jobs/job00004/retry").json()["job_id"]
    DailyStats.objects.create(date=now_iso()[:10], failed=2)

    assert run_translation_job.call(new_id) == "failed"

    row = client.get(f"/api/v1/status/{new_id}").json()
    assert (row["status"], row["error"], row["output_path"], row["stats"]) == (
        "failed",
        NO_TRANSLATION,
        "",
        {},
    )
    assert "not available on this backend" in row["error"]
    assert datetime.fromisoformat(row["completed_at"]) >= datetime.fromisoformat(row["created_at"])
    # Legacy counted the failure in the day's statistics.
    assert DailyStats.objects.get(date=row["completed_at"][:10]).failed == 3
    # A finished job is left alone by a second run (a retried task).
    assert run_translation_job.call(new_id) is None
    assert client.get(f"/api/v1/status/{new_id}").json() == row
    # The job is retried like any failed one: a failed retry can be retried again.
    assert client.post(f"/api/v1/jobs/{new_id}/retry").status_code == 202


# Committed for real: inside a transaction django-rq would only enqueue on commit.
@pytest.mark.django_db(transaction=True)
def test_a_retry_whose_run_cannot_be_queued_leaves_no_job(tmp_path: Path) -> None:
    media = tmp_path / "S01E05.mkv"
    media.write_bytes(b"")
    job(5, status="failed", file_path=str(media))
    before = jobs_table()
    # Only the task queue is down (its Redis): the database and the cache answer.
    queue_down = redis_services("redis://127.0.0.1:1/0", "sublarr-down")
    with services_settings({key: queue_down[key] for key in ("TASKS", "RQ_QUEUES")}):
        response = Client(HTTP_X_API_KEY=current_api_key(), raise_request_exception=False).post(
            "/api/v1/jobs/job00005/retry"
        )
    assert response.status_code == 500
    assert jobs_table() == before


def test_translate_refuses_a_missing_path_a_path_not_on_disk_and_a_body_not_json(client: Client) -> None:
    assert error(send(client, "post", "/api/v1/translate", {})) == (400, {"error": "file_path is required"})
    assert error(send(client, "post", "/api/v1/translate", {"file_path": ""})) == (
        400,
        {"error": "file_path is required"},
    )
    assert error(send(client, "post", "/api/v1/translate", [1])) == (400, {"error": "file_path is required"})
    assert error(send(client, "post", "/api/v1/translate", {"file_path": "/nowhere/a.mkv"})) == (
        404,
        {"error": "File not found: /nowhere/a.mkv"},
    )
    # Legacy failed with a 500 on these.
    assert error(send(client, "post", "/api/v1/translate", {"file_path": ["/a.mkv"]})) == (
        400,
        {"error": "file_path must be a string"},
    )
    assert error(send(client, "post", "/api/v1/translate", {"file_path": "/a.mkv", "force": "yes"})) == (
        400,
        {"error": "force must be a boolean"},
    )
    assert client.post("/api/v1/translate", {"file_path": "/a.mkv"}).status_code == 415
    assert not Job.objects.exists()


def test_translate_queues_a_job_with_the_sonarr_context(
    client: Client, tmp_path: Path, embedded_queue: None
) -> None:
    media = tmp_path / "S03E01.mkv"
    media.write_bytes(b"")
    response = send(
        client,
        "post",
        "/api/v1/translate",
        {"file_path": str(media), "force": True, "sonarr_series_id": 7, "sonarr_episode_id": 71},
    )
    assert response.status_code == 202
    new_id = response.json()["job_id"]
    assert response.json() == {"job_id": new_id, "status": "queued", "file_path": str(media)}
    created = Job.objects.get(pk=new_id)
    assert (created.status, created.force, created.bazarr_context_json) == (
        "queued",
        True,
        '{"sonarr_series_id": 7, "sonarr_episode_id": 71}',
    )
    assert queued_runs() == [("apps.core.tasks.run_translation_job", {"args": [new_id], "kwargs": {}})]

    # Without both Sonarr ids there is no context, and force defaults to false.
    plain = send(client, "post", "/api/v1/translate/", {"file_path": str(media), "sonarr_series_id": 7})
    row = client.get(f"/api/v1/status/{plain.json()['job_id']}").json()
    assert (row["force"], row["arr_context"], row["status"]) == (False, None, "queued")


def test_retranslate_refuses_an_unknown_id_and_a_missing_file(client: Client) -> None:
    item = WantedItem.objects.create(item_type="episode", file_path="/nowhere/S02E01.mkv")
    assert error(client.post("/api/v1/retranslate/999")) == (404, {"error": "Item not found"})
    # Beyond any key's range: no row, not a database error.
    assert error(client.post(f"/api/v1/retranslate/{2**70}")) == (404, {"error": "Item not found"})
    assert client.post("/api/v1/retranslate/-1").status_code == 404
    assert error(client.post(f"/api/v1/retranslate/{item.pk}")) == (
        404,
        {"error": "File not found: /nowhere/S02E01.mkv"},
    )


def test_retranslate_tries_a_job_id_first_then_a_wanted_item(client: Client) -> None:
    item = WantedItem.objects.create(item_type="movie", file_path="/nowhere/item.mkv")
    job(1, id=str(item.pk), file_path="/nowhere/job.mkv")
    assert error(client.post(f"/api/v1/retranslate/{item.pk}")) == (
        404,
        {"error": "File not found: /nowhere/job.mkv"},
    )
    # Flask's <int:...> read leading zeros away: 0042 names job "42", else wanted item 42.
    assert error(client.post(f"/api/v1/retranslate/000{item.pk}")) == (
        404,
        {"error": "File not found: /nowhere/job.mkv"},
    )


def test_retranslate_on_disk_is_a_503_and_keeps_the_subtitle(client: Client, tmp_path: Path) -> None:
    media = tmp_path / "S02E02.mkv"
    media.write_bytes(b"")
    subtitle = tmp_path / "S02E02.de.ass"
    subtitle.write_text("[Script Info]\n")
    item = WantedItem.objects.create(item_type="episode", file_path=str(media))
    before = (jobs_table(), list(WantedItem.objects.values_list()))
    status_code, body = error(client.post(f"/api/v1/retranslate/{item.pk}"))
    assert status_code == 503 and "not available on this backend" in body["error"]
    # Legacy deleted the translated subtitle before translating again: nothing is deleted here.
    assert subtitle.read_text() == "[Script Info]\n"
    assert (jobs_table(), list(WantedItem.objects.values_list())) == before
