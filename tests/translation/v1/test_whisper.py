"""/api/v1/whisper: the queue, one job, cancelling or deleting a job, statistics."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.translation.models import WhisperJob

pytestmark = pytest.mark.django_db


def job(
    job_id: str, status: str = "queued", created_at: str = "2026-01-01T00:00:00", **values: object
) -> WhisperJob:
    return WhisperJob.objects.create(
        id=job_id, file_path=f"/m/{job_id}.mkv", status=status, created_at=created_at, **values
    )


def test_the_queue_is_newest_first_filtered_and_limited(keyed: Client) -> None:
    for n in range(5):
        job(f"j{n}", "completed" if n % 2 else "queued", created_at=f"2026-01-01T00:00:0{n}")
    queue = keyed.get("/api/v1/whisper/queue").json()
    assert [j["id"] for j in queue] == ["j4", "j3", "j2", "j1", "j0"]
    assert [j["id"] for j in keyed.get("/api/v1/whisper/queue", {"status": "completed"}).json()] == [
        "j3",
        "j1",
    ]
    assert len(keyed.get("/api/v1/whisper/queue", {"limit": "2"}).json()) == 2
    assert len(keyed.get("/api/v1/whisper/queue", {"limit": "x"}).json()) == 5  # Flask type=int: the default
    assert len(keyed.get("/api/v1/whisper/queue", {"limit": "-1"}).json()) == 5  # SQLite's LIMIT -1


def test_a_job_is_its_stored_row(keyed: Client) -> None:
    job("abc", srt_content="1\n00:00:01,000 --> 00:00:02,000\nHi\n")
    body = keyed.get("/api/v1/whisper/jobs/abc").json()
    assert body["id"] == "abc" and body["srt_content"].endswith("Hi\n") and body["progress"] == 0.0
    missing = keyed.get("/api/v1/whisper/jobs/nope")
    assert (missing.status_code, missing.json()) == (404, {"error": "Job not found"})


def test_deleting_a_queued_job_cancels_it(keyed: Client) -> None:
    job("q")
    assert keyed.delete("/api/v1/whisper/jobs/q").json() == {"success": True, "action": "cancelled"}
    assert WhisperJob.objects.get(pk="q").status == "cancelled"


@pytest.mark.parametrize("status", ["completed", "failed", "cancelled"])
def test_deleting_a_finished_job_deletes_it(keyed: Client, status: str) -> None:
    job("f", status)
    assert keyed.delete("/api/v1/whisper/jobs/f").json() == {"success": True, "action": "deleted"}
    assert not WhisperJob.objects.exists()


def test_a_running_job_is_a_409_and_stays(keyed: Client) -> None:
    job("r", "running")
    response = keyed.delete("/api/v1/whisper/jobs/r")
    assert response.status_code == 409
    assert response.json() == {"error": "Cannot delete job in progress. Wait for completion or failure."}
    assert WhisperJob.objects.get(pk="r").status == "running"


def test_stats_average_only_completed_jobs_with_a_time(keyed: Client) -> None:
    job("a", "completed", processing_time_ms=100.0)
    job("b", "completed", processing_time_ms=250.0)
    job("c", "completed", processing_time_ms=0.0)
    job("d", "failed", processing_time_ms=999.0)
    assert keyed.get("/api/v1/whisper/stats").json() == {
        "total": 4,
        "by_status": {"completed": 3, "failed": 1},
        "avg_processing_time_ms": 175.0,
    }


def test_stats_of_no_jobs(keyed: Client) -> None:
    assert keyed.get("/api/v1/whisper/stats").json() == {
        "total": 0,
        "by_status": {},
        "avg_processing_time_ms": 0.0,
    }
