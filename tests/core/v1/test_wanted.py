"""/api/v1/wanted: the legacy list, summary, status change, delete and batch status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from apps.core.models import WantedItem
from sublarr.api.keys import current_api_key
from tests.api_fixtures import wanted_maker

pytestmark = pytest.mark.django_db
Make = Callable[..., WantedItem]


@pytest.fixture
def client() -> Client:
    return Client(HTTP_X_API_KEY=current_api_key())


@pytest.fixture
def make() -> Make:
    return wanted_maker()


def ids(response: Any) -> list[int]:
    return [row["id"] for row in response.json()["data"]]


def test_the_list_is_newest_first_in_the_legacy_envelope(client: Client, make: Make) -> None:
    items = [make() for _ in range(3)]
    body = client.get("/api/v1/wanted").json()
    assert [row["id"] for row in body["data"]] == [item.id for item in reversed(items)]
    assert {k: v for k, v in body.items() if k != "data"} == {
        "page": 1,
        "per_page": 50,
        "total": 3,
        "total_pages": 1,
    }


def test_rows_are_the_legacy_columns_with_flags_as_integers_and_languages_parsed(
    client: Client, make: Make
) -> None:
    item = make(upgrade_candidate=True, missing_languages='["de", "fr"]', sonarr_series_id=4)
    row = client.get("/api/v1/wanted").json()["data"][0]
    assert set(row) == {field.column for field in WantedItem._meta.concrete_fields}
    assert row["upgrade_candidate"] == 1 and type(row["upgrade_candidate"]) is int
    assert row["missing_languages"] == ["de", "fr"]
    assert row["sonarr_series_id"] == 4 and row["radarr_movie_id"] is None
    assert row["id"] == item.id and row["status"] == "wanted"


@pytest.mark.parametrize("text", ["{not json", "", None])
def test_malformed_or_empty_languages_read_as_an_empty_list(
    client: Client, make: Make, text: str | None
) -> None:
    make(missing_languages=text)
    assert client.get("/api/v1/wanted").json()["data"][0]["missing_languages"] == []


def test_rows_added_in_the_same_instant_keep_id_order_as_legacy_sqlite_did(
    client: Client, make: Make
) -> None:
    same = [make(added_at="2026-02-01T00:00:00") for _ in range(3)]
    older = make(added_at="2025-01-01T00:00:00")
    assert ids(client.get("/api/v1/wanted")) == [*(item.id for item in same), older.id]


def test_it_pages_like_legacy(client: Client, make: Make) -> None:
    items = [make() for _ in range(5)]
    newest_first = [item.id for item in reversed(items)]
    body = client.get("/api/v1/wanted", {"page": 2, "per_page": 2}).json()
    assert ids_of(body) == newest_first[2:4]
    assert (body["page"], body["per_page"], body["total"], body["total_pages"]) == (2, 2, 5, 3)
    beyond = client.get("/api/v1/wanted", {"page": 9, "per_page": 2}).json()
    assert beyond["data"] == [] and beyond["page"] == 9 and beyond["total_pages"] == 3


def ids_of(body: dict[str, Any]) -> list[int]:
    return [row["id"] for row in body["data"]]


@pytest.mark.parametrize(
    ("query", "page", "per_page"),
    [
        ({"per_page": 500}, 1, 200),
        ({"per_page": "x", "page": "y"}, 1, 50),
        ({"page": 0, "per_page": 2}, 0, 2),
        ({"page": -3, "per_page": 2}, -3, 2),
        ({"per_page": 0}, 1, 1),
        ({"per_page": -5}, 1, 1),
        ({"page": 10**30}, 10**30, 50),
    ],
)
def test_odd_paging_values_read_as_flask_read_them(
    client: Client, make: Make, query: dict[str, Any], page: int, per_page: int
) -> None:
    items = [make() for _ in range(3)]
    response = client.get("/api/v1/wanted", query)
    assert response.status_code == 200
    body = response.json()
    assert (body["page"], body["per_page"]) == (page, per_page)
    if page < 10:  # a page below 1 reads from the start, as SQLite read legacy's negative OFFSET
        assert ids_of(body) == [item.id for item in reversed(items)][:per_page]
    else:
        assert body["data"] == []


def test_it_filters_by_the_legacy_parameters(client: Client, make: Make) -> None:
    episode = make(sonarr_series_id=7, status="failed")
    movie = make(item_type="movie", subtitle_type="forced")
    assert ids(client.get("/api/v1/wanted", {"item_type": "movie"})) == [movie.id]
    assert ids(client.get("/api/v1/wanted", {"status": "failed"})) == [episode.id]
    assert ids(client.get("/api/v1/wanted", {"series_id": 7})) == [episode.id]
    assert ids(client.get("/api/v1/wanted", {"subtitle_type": "forced"})) == [movie.id]
    assert ids(
        client.get("/api/v1/wanted", {"item_type": "episode", "status": "failed", "series_id": "7"})
    ) == [episode.id]


def test_unknown_or_unparsable_filter_values_match_nothing_or_are_ignored(client: Client, make: Make) -> None:
    item = make(sonarr_series_id=7)
    # An unknown status is compared as legacy compared it: nothing matches, no 400.
    nonsense = client.get("/api/v1/wanted", {"status": "nonsense"})
    assert nonsense.status_code == 200 and nonsense.json()["total"] == 0
    # A series_id that is not an integer is dropped (Flask's type=int gives None), as is an empty filter.
    assert ids(client.get("/api/v1/wanted", {"series_id": "abc", "item_type": ""})) == [item.id]
    assert client.get("/api/v1/wanted", {"series_id": 10**30}).json()["total"] == 0


def test_the_list_reads_a_constant_number_of_queries(
    client: Client, make: Make, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        make()
    with django_assert_max_num_queries(3):  # count, page keys, page rows
        assert len(ids(client.get("/api/v1/wanted", {"page": 2, "per_page": 10}))) == 10


def test_the_summary_counts_like_legacy(client: Client, make: Make) -> None:
    make(status="wanted", existing_sub="de.ass", upgrade_candidate=True)
    make(status="wanted", existing_sub="", subtitle_type="forced")
    make(status="ignored", item_type="movie", existing_sub=None, subtitle_type=None)
    make(status="failed", existing_sub="de.ass", upgrade_candidate=True)
    assert client.get("/api/v1/wanted/summary").json() == {
        "total": 4,
        "by_type": {"episode": 3, "movie": 1},
        "by_status": {"wanted": 2, "ignored": 1, "failed": 1},
        "by_existing": {"de.ass": 2, "none": 2},
        "upgradeable": 2,
        "by_subtitle_type": {"full": 3, "forced": 1},
        "scan_running": False,
        "last_scan_at": "",
    }


def test_the_summary_of_an_empty_list(client: Client) -> None:
    body = client.get("/api/v1/wanted/summary").json()
    assert body["total"] == 0 and body["by_status"] == {} and body["upgradeable"] == 0


def test_a_status_change_is_stored_with_its_error(client: Client, make: Make) -> None:
    item = make(updated_at="2000-01-01T00:00:00")
    response = client.put(
        f"/api/v1/wanted/{item.id}/status",
        {"status": "failed", "error": "no provider"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {"status": "updated", "id": item.id, "new_status": "failed"}
    item.refresh_from_db()
    assert (item.status, item.error) == ("failed", "no provider")
    assert item.updated_at > "2000-01-01T00:00:00"


def test_a_status_change_without_error_clears_it(client: Client, make: Make) -> None:
    item = make(status="failed", error="old")
    client.put(f"/api/v1/wanted/{item.id}/status", {"status": "wanted"}, content_type="application/json")
    item.refresh_from_db()
    assert (item.status, item.error) == ("wanted", "")


@pytest.mark.parametrize("body", [{"status": "found"}, {}, {"status": None}, {"status": ["wanted"]}, [1]])
def test_an_invalid_status_is_a_400_and_changes_nothing(client: Client, make: Make, body: Any) -> None:
    item = make(status="wanted")
    response = client.put(f"/api/v1/wanted/{item.id}/status", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": "Invalid status. Use: wanted, ignored, failed"}
    item.refresh_from_db()
    assert item.status == "wanted"


def test_the_status_of_an_unknown_item_is_a_404(client: Client) -> None:
    for item_id in (999, 10**30):
        response = client.put(
            f"/api/v1/wanted/{item_id}/status", {"status": "ignored"}, content_type="application/json"
        )
        assert response.status_code == 404
        assert response.json() == {"error": "Item not found"}


def test_a_status_change_needs_a_json_body_like_flask(client: Client, make: Make) -> None:
    item = make()
    response = client.put(f"/api/v1/wanted/{item.id}/status", "status=ignored", content_type="text/plain")
    assert response.status_code == 415
    assert set(response.json()) == {"error"}
    item.refresh_from_db()
    assert item.status == "wanted"


def test_delete_removes_the_item_once(client: Client, make: Make) -> None:
    item, other = make(), make()
    response = client.delete(f"/api/v1/wanted/{item.id}")
    assert response.status_code == 200
    assert response.json() == {"status": "deleted", "id": item.id}
    assert list(WantedItem.objects.values_list("id", flat=True)) == [other.id]
    again = client.delete(f"/api/v1/wanted/{item.id}")
    assert again.status_code == 404 and again.json() == {"error": "Item not found"}


def test_a_non_numeric_id_is_a_json_404(client: Client) -> None:
    response = client.delete("/api/v1/wanted/abc")
    assert response.status_code == 404 and response.json() == {"error": "Not found"}


def test_the_batch_status_is_idle(client: Client) -> None:
    assert client.get("/api/v1/wanted/batch-search/status").json() == {
        "running": False,
        "total": 0,
        "processed": 0,
        "found": 0,
        "failed": 0,
        "skipped": 0,
        "current_item": None,
    }


def test_the_key_is_required(make: Make) -> None:
    response = Client().get("/api/v1/wanted")
    assert response.status_code == 401 and response.json() == {"error": "API key required"}


@pytest.mark.parametrize("direct_offset", [1_000, 0], ids=["rows-directly", "keys-first"])
def test_every_page_has_legacy_order_when_equal_times_cross_page_edges(
    client: Client, make: Make, monkeypatch: pytest.MonkeyPatch, direct_offset: int
) -> None:
    from sublarr.api import legacy

    monkeypatch.setattr(legacy, "DIRECT_OFFSET", direct_offset)
    times = ["2026-03-01", "2026-03-01", "2026-02-01", "2026-02-01", "2026-02-01", "2026-02-01", "2026-01-01"]
    items = [make(added_at=at) for at in [*times, *reversed(times)]]
    expected = [item.id for item in sorted(items, key=lambda item: item.id)]
    expected.sort(key=lambda item_id: WantedItem.objects.get(pk=item_id).added_at, reverse=True)
    for per_page in (1, 2, 3, 4, 5):
        pages = -(-len(items) // per_page)
        seen = []
        for page in range(1, pages + 1):
            seen += ids(client.get("/api/v1/wanted", {"page": page, "per_page": per_page}))
        assert seen == expected, per_page
