"""/api/v1/blacklist: the legacy list, add (insert-or-ignore), delete, confirmed clear and count."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from apps.core.models import BlacklistEntry
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_X_API_KEY=current_api_key())


def entry(n: int, **values: Any) -> BlacklistEntry:
    defaults = {"provider_name": "jimaku", "subtitle_id": f"s{n}", "added_at": f"2026-01-01T00:00:{n:02d}"}
    return BlacklistEntry.objects.create(**{**defaults, **values})


def post(client: Client, body: Any) -> Any:
    return client.post("/api/v1/blacklist", body, content_type="application/json")


def test_the_list_is_newest_first_in_the_legacy_envelope(client: Client) -> None:
    first, second, third = entry(1), entry(2), entry(3, language="de", reason="bad timing")
    body = client.get("/api/v1/blacklist", {"per_page": 2}).json()
    assert [row["id"] for row in body["data"]] == [third.id, second.id]
    assert (body["page"], body["per_page"], body["total"], body["total_pages"]) == (1, 2, 3, 2)
    assert body["data"][0] == {
        "id": third.id,
        "provider_name": "jimaku",
        "subtitle_id": "s3",
        "language": "de",
        "file_path": "",
        "title": "",
        "reason": "bad timing",
        "added_at": "2026-01-01T00:00:03",
    }
    assert [
        row["id"] for row in client.get("/api/v1/blacklist", {"page": 2, "per_page": 2}).json()["data"]
    ] == [first.id]


def test_per_page_is_capped_at_200(client: Client) -> None:
    assert client.get("/api/v1/blacklist", {"per_page": 1000}).json()["per_page"] == 200


def test_add_stores_the_entry_and_answers_its_id(client: Client) -> None:
    response = post(
        client, {"provider_name": "subdl", "subtitle_id": "x1", "title": "Show", "reason": "wrong"}
    )
    assert response.status_code == 201
    stored = BlacklistEntry.objects.get()
    assert response.json() == {"status": "added", "id": stored.id}
    assert (stored.provider_name, stored.subtitle_id, stored.title, stored.reason, stored.language) == (
        "subdl",
        "x1",
        "Show",
        "wrong",
        "",
    )
    assert stored.added_at.startswith("20")


def test_adding_an_entry_twice_keeps_the_first_and_answers_id_0(client: Client) -> None:
    first = entry(1, reason="first")
    response = post(client, {"provider_name": "jimaku", "subtitle_id": "s1", "reason": "again"})
    assert response.status_code == 201
    assert response.json() == {"status": "added", "id": 0}
    assert list(BlacklistEntry.objects.values_list("id", "reason")) == [(first.id, "first")]


@pytest.mark.parametrize(
    "body",
    [{"provider_name": "jimaku"}, {"subtitle_id": "x"}, {"provider_name": "", "subtitle_id": "x"}, {}, [1]],
)
def test_add_needs_provider_and_subtitle_id(client: Client, body: Any) -> None:
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {"error": "provider_name and subtitle_id are required"}
    assert not BlacklistEntry.objects.exists()


def test_add_needs_a_json_body(client: Client) -> None:
    response = client.post("/api/v1/blacklist")
    assert response.status_code == 415 and set(response.json()) == {"error"}
    assert not BlacklistEntry.objects.exists()


def test_non_text_values_are_stored_as_text(client: Client) -> None:
    response = post(client, {"provider_name": "jimaku", "subtitle_id": 42, "reason": 7})
    assert response.status_code == 201
    assert BlacklistEntry.objects.values_list("subtitle_id", "reason").get() == ("42", "7")


def test_delete_removes_one_entry(client: Client) -> None:
    gone, kept = entry(1), entry(2)
    response = client.delete(f"/api/v1/blacklist/{gone.id}")
    assert response.status_code == 200 and response.json() == {"status": "deleted", "id": gone.id}
    assert list(BlacklistEntry.objects.values_list("id", flat=True)) == [kept.id]
    again = client.delete(f"/api/v1/blacklist/{gone.id}")
    assert again.status_code == 404 and again.json() == {"error": "Entry not found"}


@pytest.mark.parametrize("confirm", [None, "no", "1", ""])
def test_clearing_without_confirm_true_is_a_400_and_keeps_everything(
    client: Client, confirm: str | None
) -> None:
    entry(1)
    path = "/api/v1/blacklist" if confirm is None else f"/api/v1/blacklist?confirm={confirm}"
    response = client.delete(path)
    assert response.status_code == 400
    assert response.json() == {"error": "Add ?confirm=true to clear all entries"}
    assert BlacklistEntry.objects.count() == 1


@pytest.mark.parametrize("confirm", ["true", "TRUE", "True"])
def test_clearing_with_confirm_removes_all_and_counts_them(client: Client, confirm: str) -> None:
    entry(1), entry(2)
    response = client.delete(f"/api/v1/blacklist?confirm={confirm}")
    assert response.status_code == 200 and response.json() == {"status": "cleared", "count": 2}
    assert not BlacklistEntry.objects.exists()


def test_count(client: Client) -> None:
    assert client.get("/api/v1/blacklist/count").json() == {"count": 0}
    entry(1), entry(2)
    assert client.get("/api/v1/blacklist/count").json() == {"count": 2}
