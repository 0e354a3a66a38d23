"""/api/v1 jobs: the job list, one job's status, retry and re-translate refusals, re-translation status."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from apps.core.api.keys import current_api_key
from apps.core.models import ConfigEntry, Job, WantedItem
from apps.translation.models import PromptPreset

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


def test_retry_of_a_failed_job_on_disk_is_a_503_and_changes_nothing(client: Client, tmp_path: Path) -> None:
    media = tmp_path / "S01E03.mkv"
    media.write_bytes(b"")
    job(3, status="failed", file_path=str(media))
    before = jobs_table()
    status_code, body = error(client.post("/api/v1/jobs/job00003/retry"))
    assert status_code == 503
    assert "not available on this backend" in body["error"] and "translation service" in body["error"]
    assert list(body) == ["error"]
    assert jobs_table() == before


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


def legacy_hash(model: str, template: str, target: str) -> str:
    return hashlib.sha256(f"ollama|{model}|{template[:50]}|{target}".encode()).hexdigest()[:12]


BUILT_IN = "Translate these anime subtitle lines from English to German.\nReturn ONLY"


def test_retranslate_status_on_legacy_defaults(client: Client) -> None:
    current = legacy_hash("qwen2.5:14b-instruct", BUILT_IN, "de")
    assert current == "7b6aba30b79e"  # what the legacy app answered on its defaults
    job(1, config_hash=current)
    job(2, config_hash="0123456789ab")
    job(3, config_hash="0123456789ab", status="failed")  # only completed jobs count
    job(4, config_hash="")
    job(5, config_hash=None)
    assert client.get("/api/v1/retranslate/status").json() == {
        "current_hash": current,
        "outdated_count": 1,
        "ollama_model": "qwen2.5:14b-instruct",
        "target_language": "de",
    }


def test_retranslate_status_follows_saved_settings_and_the_default_preset(client: Client) -> None:
    ConfigEntry.objects.create(key="ollama_model", value=" llama3 ")
    ConfigEntry.objects.create(key="target_language", value="fr")
    ConfigEntry.objects.create(key="prompt_template", value="Setting template")
    body = client.get("/api/v1/retranslate/status").json()
    assert (body["ollama_model"], body["target_language"]) == ("llama3", "fr")
    assert body["current_hash"] == legacy_hash("llama3", "Setting template", "fr")
    PromptPreset.objects.create(name="Casual", prompt_template="Preset template", is_default=False)
    assert client.get("/api/v1/retranslate/status").json()["current_hash"] == body["current_hash"]
    PromptPreset.objects.create(name="Formal", prompt_template="Preset template", is_default=True)
    assert client.get("/api/v1/retranslate/status").json()["current_hash"] == legacy_hash(
        "llama3", "Preset template", "fr"
    )
