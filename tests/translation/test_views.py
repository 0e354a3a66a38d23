"""/api/v2 translation resources: glossary search, one default preset, whisper jobs without transcripts."""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.translation.models import GlossaryEntry, PromptPreset, WhisperJob


def test_glossary_search_finds_a_series_terms(api_client: APIClient) -> None:
    GlossaryEntry.objects.create(series_id=1, source_term="Titan", target_term="Titan (de)")
    GlossaryEntry.objects.create(series_id=1, source_term="Wall", target_term="Mauer")
    GlossaryEntry.objects.create(series_id=2, source_term="Titanic", target_term="Titanic")
    found = api_client.get("/api/v2/glossary/search", {"series_id": "1", "query": "tit"}).json()
    assert [e["source_term"] for e in found] == ["Titan"]
    assert api_client.get("/api/v2/glossary/search", {"query": "tit"}).status_code == 400
    created = api_client.post(
        "/api/v2/glossary", {"series_id": 1, "source_term": "Eren", "target_term": "Eren"}, format="json"
    )
    assert created.status_code == 201
    assert api_client.post("/api/v2/glossary", {"series_id": "one"}, format="json").status_code == 400


def test_prompt_presets_have_unique_names_and_one_default(api_client: APIClient) -> None:
    PromptPreset.objects.create(name="Default", prompt_template="t", is_default=True)
    assert (
        api_client.post(
            "/api/v2/prompt-presets", {"name": "Default", "prompt_template": "x"}, format="json"
        ).status_code
        == 400
    )
    created = api_client.post(
        "/api/v2/prompt-presets", {"name": "Anime", "prompt_template": "x", "is_default": True}, format="json"
    )
    assert created.status_code == 201
    assert list(PromptPreset.objects.filter(is_default=True).values_list("name", flat=True)) == ["Anime"]


def test_whisper_jobs_list_without_transcripts_and_summarise(api_client: APIClient) -> None:
    WhisperJob.objects.create(
        id="w1",
        file_path="/a.mkv",
        status="completed",
        srt_content="1\n...",
        processing_time_ms=100,
        duration_seconds=60,
    )
    WhisperJob.objects.create(id="w2", file_path="/b.mkv", status="failed")
    assert "srt_content" not in api_client.get("/api/v2/whisper-jobs").json()["data"][0]
    assert api_client.get("/api/v2/whisper-jobs/w1").json()["srt_content"] == "1\n..."
    stats = api_client.get("/api/v2/whisper-jobs/stats").json()
    assert stats["total"] == 2 and stats["by_status"] == {"completed": 1, "failed": 1}
    assert stats["avg_processing_time_ms"] == 100
    assert api_client.post("/api/v2/whisper-jobs", {"id": "w3"}, format="json").status_code == 405
