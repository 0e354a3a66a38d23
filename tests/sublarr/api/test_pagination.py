"""Lists answer in the legacy envelope, with legacy page parameters, ordering, and optional slashes."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from apps.core.models import WantedItem


def test_a_list_has_the_legacy_envelope(
    api_client: APIClient, make_wanted: Callable[..., WantedItem]
) -> None:
    for _ in range(3):
        make_wanted()
    body = api_client.get("/api/v2/wanted").json()
    assert set(body) == {"data", "page", "per_page", "total", "total_pages"}
    assert (body["page"], body["per_page"], body["total"], body["total_pages"]) == (1, 50, 3, 1)
    assert len(body["data"]) == 3


def test_pages_split_the_rows_without_overlap(
    api_client: APIClient, make_wanted: Callable[..., WantedItem]
) -> None:
    ids = {make_wanted().id for _ in range(7)}
    pages = [api_client.get("/api/v2/wanted", {"page": n, "per_page": 3}).json() for n in (1, 2, 3)]
    assert [len(p["data"]) for p in pages] == [3, 3, 1]
    assert {row["id"] for p in pages for row in p["data"]} == ids
    assert pages[0]["total_pages"] == 3


def test_per_page_is_capped_at_200(api_client: APIClient, make_wanted: Callable[..., WantedItem]) -> None:
    make_wanted()
    assert api_client.get("/api/v2/wanted", {"per_page": 5000}).json()["per_page"] == 200


def test_parameters_that_are_not_integers_fall_back_to_the_defaults_as_legacy(api_client: APIClient) -> None:
    body = api_client.get("/api/v2/wanted", {"page": "x", "per_page": "y"}).json()
    assert (body["page"], body["per_page"]) == (1, 50)
    assert api_client.get("/api/v2/wanted", {"page": -3}).json()["page"] == 1


def test_a_page_past_the_end_is_empty_not_an_error(
    api_client: APIClient, make_wanted: Callable[..., WantedItem]
) -> None:
    make_wanted()
    response = api_client.get("/api/v2/wanted", {"page": 9})
    assert response.status_code == 200
    assert response.json()["data"] == [] and response.json()["total"] == 1


def test_the_default_order_is_newest_first_and_ordering_changes_it(
    api_client: APIClient, make_wanted: Callable[..., WantedItem]
) -> None:
    old = make_wanted(added_at="2025-01-01T00:00:00", title="b")
    new = make_wanted(added_at="2026-01-01T00:00:00", title="a")
    assert [r["id"] for r in api_client.get("/api/v2/wanted").json()["data"]] == [new.id, old.id]
    assert [r["id"] for r in api_client.get("/api/v2/wanted", {"ordering": "added_at"}).json()["data"]] == [
        old.id,
        new.id,
    ]
    assert [r["id"] for r in api_client.get("/api/v2/wanted", {"ordering": "-title"}).json()["data"]] == [
        old.id,
        new.id,
    ]


def test_paths_answer_with_and_without_a_trailing_slash_and_never_redirect(
    api_client: APIClient, make_wanted: Callable[..., WantedItem]
) -> None:
    item = make_wanted()
    for path in (
        "/api/v2/wanted",
        "/api/v2/wanted/",
        f"/api/v2/wanted/{item.id}",
        f"/api/v2/wanted/{item.id}/",
    ):
        assert api_client.get(path).status_code == 200, path


def test_a_post_without_a_trailing_slash_keeps_its_body(api_client: APIClient) -> None:
    body = {"provider_name": "opensubtitles", "subtitle_id": "42"}
    for path in ("/api/v2/blacklist", "/api/v2/blacklist/"):
        response = api_client.post(path, {**body, "subtitle_id": path}, format="json")
        assert response.status_code == 201, path
        assert response.json()["subtitle_id"] == path
