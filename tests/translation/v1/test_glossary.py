"""/api/v1/glossary: a series' entries as stored rows, search, create, update, delete."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from apps.translation.models import GlossaryEntry
from tests.api_v1_fixtures import send

pytestmark = pytest.mark.django_db


def entry(series_id: int, source: str, target: str, created_at: str = "2026-01-01T00:00:00") -> GlossaryEntry:
    return GlossaryEntry.objects.create(
        series_id=series_id,
        source_term=source,
        target_term=target,
        created_at=created_at,
        updated_at=created_at,
    )


@pytest.mark.parametrize("params", [{}, {"series_id": "0"}, {"series_id": "abc"}])
def test_a_list_needs_a_series_id(keyed: Client, params: dict[str, str]) -> None:
    response = keyed.get("/api/v1/glossary", params)
    assert (response.status_code, response.json()) == (400, {"error": "series_id is required"})


def test_a_series_entries_come_ordered_by_source_term_as_stored_rows(keyed: Client) -> None:
    entry(1, "Titan", "Titan")
    first = entry(1, "Eren", "Eren")
    entry(2, "Other", "Andere")
    body = keyed.get("/api/v1/glossary", {"series_id": "1"}).json()
    assert body["series_id"] == 1
    assert [e["source_term"] for e in body["entries"]] == ["Eren", "Titan"]
    assert body["entries"][0] == {
        "id": first.pk,
        "series_id": 1,
        "source_term": "Eren",
        "target_term": "Eren",
        "notes": "",
        "created_at": "2026-01-01T00:00:00",
        "updated_at": "2026-01-01T00:00:00",
    }


def test_a_query_matches_either_term_without_regard_to_case(keyed: Client) -> None:
    entry(1, "Survey Corps", "Aufklärungstrupp")
    entry(1, "Titan", "Titan")
    entry(1, "Wall", "MAUER")
    found = keyed.get("/api/v1/glossary", {"series_id": "1", "query": " mauer "}).json()["entries"]
    assert [e["source_term"] for e in found] == ["Wall"]
    found = keyed.get("/api/v1/glossary", {"series_id": "1", "query": "corps"}).json()["entries"]
    assert [e["source_term"] for e in found] == ["Survey Corps"]


def test_creating_strips_the_terms_and_answers_201_with_the_row(keyed: Client) -> None:
    response = send(
        keyed, "post", "/api/v1/glossary", {"series_id": 3, "source_term": " Eren ", "target_term": "Eren"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["series_id"], body["source_term"], body["notes"]) == (3, "Eren", "")
    assert GlossaryEntry.objects.get(pk=body["id"]).source_term == "Eren"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"source_term": "a", "target_term": "b"}, "series_id is required"),
        ({"series_id": "3", "source_term": "a", "target_term": "b"}, "series_id is required"),
        (
            {"series_id": 3, "source_term": " ", "target_term": "b"},
            "source_term and target_term are required",
        ),
        (
            {"series_id": 3, "source_term": ["a"], "target_term": "b"},
            "source_term and target_term are required",
        ),
    ],
)
def test_bad_input_is_a_400_and_adds_nothing(keyed: Client, body: dict[str, Any], message: str) -> None:
    response = send(keyed, "post", "/api/v1/glossary", body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert not GlossaryEntry.objects.exists()


def test_updating_changes_the_fields_sent_and_stamps_updated_at(keyed: Client) -> None:
    row = entry(1, "Eren", "Eren")
    response = send(keyed, "put", f"/api/v1/glossary/{row.pk}", {"target_term": " Eren J. ", "notes": "main"})
    assert response.status_code == 200
    body = response.json()
    assert (body["source_term"], body["target_term"], body["notes"]) == ("Eren", "Eren J.", "main")
    assert body["updated_at"] > "2026-01-01T00:00:00"


def test_an_update_without_fields_or_of_a_missing_entry_fails(keyed: Client) -> None:
    row = entry(1, "Eren", "Eren")
    empty = send(keyed, "put", f"/api/v1/glossary/{row.pk}", {"other": 1})
    assert (empty.status_code, empty.json()) == (400, {"error": "No fields to update"})
    missing = send(keyed, "put", "/api/v1/glossary/999", {"notes": "x"})
    assert (missing.status_code, missing.json()) == (404, {"error": "Entry not found"})


def test_deleting_an_entry(keyed: Client) -> None:
    row = entry(1, "Eren", "Eren")
    assert keyed.delete(f"/api/v1/glossary/{row.pk}").json() == {"status": "deleted", "id": row.pk}
    assert not GlossaryEntry.objects.exists()
    again = keyed.delete(f"/api/v1/glossary/{row.pk}")
    assert (again.status_code, again.json()) == (404, {"error": "Entry not found"})


def test_search_folds_ascii_case_only_and_reads_like_wildcards(keyed: Client) -> None:
    # Legacy searched with SQLite's LIKE: ASCII case folded, other letters not, % and _ wildcards.
    mana, daemon = entry(7, "Mana", "Mana"), entry(7, "Dämon", "Titan")

    def found(query: str) -> list[int]:
        body = keyed.get("/api/v1/glossary", {"series_id": "7", "query": query}).json()
        return [e["id"] for e in body["entries"]]

    assert found("MANA") == [mana.pk]
    assert found("DÄMON") == []
    assert found("dämon") == [daemon.pk]
    assert found("d_mon") == [daemon.pk]
    assert found("t%n") == [daemon.pk]
    assert found("a.a") == []  # a regular expression's dot is no wildcard here
