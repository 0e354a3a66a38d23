"""/api/v2/wanted: filters, representation, validation, summary and the bulk upsert."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from apps.core.models import WantedItem

Make = Callable[..., WantedItem]


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["data"]}


def test_it_filters_by_the_legacy_parameters(api_client: APIClient, make_wanted: Make) -> None:
    episode = make_wanted(sonarr_series_id=7, status="failed")
    movie = make_wanted(item_type="movie", subtitle_type="forced", upgrade_candidate=True)
    assert ids(api_client.get("/api/v2/wanted", {"item_type": "movie"})) == {movie.id}
    assert ids(api_client.get("/api/v2/wanted", {"status": "failed"})) == {episode.id}
    assert ids(api_client.get("/api/v2/wanted", {"series_id": 7})) == {episode.id}
    assert ids(api_client.get("/api/v2/wanted", {"subtitle_type": "forced"})) == {movie.id}
    assert ids(api_client.get("/api/v2/wanted", {"upgrade_candidate": "1"})) == {movie.id}
    assert ids(api_client.get("/api/v2/wanted", {"upgrade_candidate": "false"})) == {episode.id}
    assert ids(api_client.get("/api/v2/wanted", {"search": "s01e01"})) == {episode.id}


def test_an_unknown_filter_choice_is_a_400(api_client: APIClient) -> None:
    response = api_client.get("/api/v2/wanted", {"status": "nonsense"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_json_text_and_flags_come_out_as_json_values(api_client: APIClient, make_wanted: Make) -> None:
    item = make_wanted(missing_languages='["de", "fr"]', upgrade_candidate=True)
    row = api_client.get(f"/api/v2/wanted/{item.id}").json()
    assert row["missing_languages"] == ["de", "fr"]
    assert row["upgrade_candidate"] is True


@pytest.mark.parametrize("text", ["{not json", "", None])
def test_malformed_legacy_json_reads_as_an_empty_list(api_client: APIClient, make_wanted: Make, text) -> None:
    item = make_wanted(missing_languages=text)
    assert api_client.get(f"/api/v2/wanted/{item.id}").json()["missing_languages"] == []
    assert api_client.get("/api/v2/wanted").json()["data"][0]["missing_languages"] == []


def test_it_creates_an_item_and_stores_json_text(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v2/wanted",
        {"item_type": "movie", "file_path": "/m/a.mkv", "missing_languages": ["de"], "radarr_movie_id": 3},
        format="json",
    )
    assert response.status_code == 201, response.json()
    item = WantedItem.objects.get(pk=response.json()["id"])
    assert item.missing_languages == '["de"]'
    assert item.status == "wanted" and item.subtitle_type == "full"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "done"),
        ("subtitle_type", "hearing-impaired"),
        ("item_type", "show"),
        ("missing_languages", "de"),
        ("missing_languages", [1, 2]),
        ("current_score", "high"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_and_writes_nothing(
    api_client: APIClient, field: str, value
) -> None:
    body = {"item_type": "episode", "file_path": "/tv/x.mkv", field: value}
    response = api_client.post("/api/v2/wanted", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not WantedItem.objects.exists()


def test_a_missing_file_path_is_a_400(api_client: APIClient) -> None:
    response = api_client.post("/api/v2/wanted", {"item_type": "episode"}, format="json")
    assert response.status_code == 400
    assert "file_path" in response.json()


def test_it_changes_the_status_and_deletes(api_client: APIClient, make_wanted: Make) -> None:
    item = make_wanted()
    response = api_client.patch(f"/api/v2/wanted/{item.id}", {"status": "ignored"}, format="json")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == "ignored"
    assert api_client.delete(f"/api/v2/wanted/{item.id}").status_code == 204
    assert not WantedItem.objects.filter(pk=item.id).exists()


def test_the_summary_counts_by_status_type_subtitle_type_and_upgradeable(
    api_client: APIClient, make_wanted: Make
) -> None:
    make_wanted()
    make_wanted(status="ignored", existing_sub="srt")
    make_wanted(item_type="movie", subtitle_type="forced", upgrade_candidate=True)
    body = api_client.get("/api/v2/wanted/summary").json()
    assert body["total"] == 3
    assert body["by_status"] == {"wanted": 2, "ignored": 1}
    assert body["by_type"] == {"episode": 2, "movie": 1}
    assert body["by_subtitle_type"] == {"full": 2, "forced": 1}
    assert body["by_existing"] == {"none": 2, "srt": 1}
    assert body["upgradeable"] == 1


def bulk(api_client: APIClient, *items: dict) -> dict:
    response = api_client.post("/api/v2/wanted/bulk", {"items": list(items)}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def test_bulk_inserts_new_items_and_updates_matched_ones(api_client: APIClient, make_wanted: Make) -> None:
    existing = make_wanted(file_path="/tv/a.mkv", target_language="de", status="failed", search_count=4)
    result = bulk(
        api_client,
        {"item_type": "episode", "file_path": "/tv/a.mkv", "target_language": "de", "title": "New title"},
        {"item_type": "episode", "file_path": "/tv/a.mkv", "target_language": "fr"},
        {
            "item_type": "episode",
            "file_path": "/tv/a.mkv",
            "target_language": "de",
            "subtitle_type": "forced",
        },
    )
    assert result == {"inserted": 2, "updated": 1, "kept_ignored": 0}
    existing.refresh_from_db()
    assert (existing.title, existing.status, existing.search_count) == ("New title", "wanted", 4)
    assert WantedItem.objects.filter(file_path="/tv/a.mkv").count() == 3


def test_bulk_never_overwrites_an_ignored_status(api_client: APIClient, make_wanted: Make) -> None:
    ignored = make_wanted(file_path="/tv/b.mkv", status="ignored", title="old")
    result = bulk(api_client, {"item_type": "episode", "file_path": "/tv/b.mkv", "title": "new"})
    assert result == {"inserted": 0, "updated": 1, "kept_ignored": 1}
    ignored.refresh_from_db()
    assert (ignored.status, ignored.title) == ("ignored", "new")


def test_bulk_matches_an_empty_target_language_to_a_null_one(
    api_client: APIClient, make_wanted: Make
) -> None:
    legacy_row = make_wanted(file_path="/tv/c.mkv", target_language=None)
    assert bulk(api_client, {"item_type": "episode", "file_path": "/tv/c.mkv"})["updated"] == 1
    assert WantedItem.objects.filter(file_path="/tv/c.mkv").get().pk == legacy_row.pk


def test_bulk_stores_legacy_values(api_client: APIClient) -> None:
    bulk(
        api_client,
        {
            "item_type": "movie",
            "file_path": "/m/x.mkv",
            "missing_languages": ["de"],
            "upgrade_candidate": True,
        },
    )
    item = WantedItem.objects.get()
    assert (item.missing_languages, item.upgrade_candidate, item.status) == ('["de"]', True, "wanted")
    assert item.added_at == item.updated_at


def test_bulk_with_one_bad_item_is_a_400_and_writes_nothing(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v2/wanted/bulk",
        {
            "items": [
                {"item_type": "episode", "file_path": "/ok.mkv"},
                {"item_type": "nope", "subtitle_type": "x"},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["items"]["1"]) == {"item_type", "file_path", "subtitle_type"}
    assert not WantedItem.objects.exists()


def test_bulk_without_a_list_is_a_400(api_client: APIClient) -> None:
    assert api_client.post("/api/v2/wanted/bulk", {"items": "x"}, format="json").status_code == 400
    assert api_client.post("/api/v2/wanted/bulk", [1, 2], format="json").status_code == 400


def test_bulk_rejects_choices_of_the_wrong_type(api_client: APIClient) -> None:
    # Found by the schema fuzz run: an object where a choice string belongs was a 500.
    item = {"item_type": {}, "file_path": "/x.mkv", "subtitle_type": []}
    response = api_client.post("/api/v2/wanted/bulk", {"items": [item]}, format="json")
    assert response.status_code == 400
    assert set(response.json()["items"]["0"]) == {"item_type", "subtitle_type"}


def test_bulk_refuses_more_items_than_one_request_may_carry(api_client: APIClient) -> None:
    items = [{"item_type": "episode", "file_path": f"/{n}"} for n in range(5001)]
    response = api_client.post("/api/v2/wanted/bulk", {"items": items}, format="json")
    assert response.status_code == 400
    assert "5000" in response.json()["items"][0]
    assert not WantedItem.objects.exists()


def test_bulk_touches_updated_at_of_an_unchanged_item_and_changes_only_what_differs(
    api_client: APIClient, make_wanted: Make
) -> None:
    row = make_wanted(
        file_path="/tv/d.mkv",
        target_language="de",
        updated_at="2000-01-01T00:00:00",
        sonarr_series_id=5,
        missing_languages='["de"]',
        title="Same",
    )
    same = {
        "item_type": "episode",
        "file_path": "/tv/d.mkv",
        "target_language": "de",
        "title": "Same",
        "sonarr_series_id": 5,
        "missing_languages": ["de"],
    }
    assert bulk(api_client, same)["updated"] == 1
    row.refresh_from_db()
    assert row.updated_at > "2000-01-01T00:00:00"
    assert (row.title, row.sonarr_series_id, row.status) == ("Same", 5, "wanted")
    bulk(api_client, {**same, "sonarr_series_id": 6, "upgrade_candidate": True})
    row.refresh_from_db()
    assert (row.sonarr_series_id, row.upgrade_candidate, row.title) == (6, True, "Same")


def test_bulk_matches_the_oldest_of_legacy_duplicates(api_client: APIClient, make_wanted: Make) -> None:
    oldest = make_wanted(file_path="/tv/dup.mkv", target_language="de", title="first")
    newer = make_wanted(file_path="/tv/dup.mkv", target_language="de", title="second")
    item = {"item_type": "episode", "file_path": "/tv/dup.mkv", "target_language": "de", "title": "new"}
    bulk(api_client, item)
    oldest.refresh_from_db()
    newer.refresh_from_db()
    assert (oldest.title, newer.title) == ("new", "second")


def test_bulk_reads_and_inserts_in_statements_within_the_parameter_limit(
    api_client: APIClient, make_wanted: Make, monkeypatch
) -> None:
    # Old SQLite builds allow 999 bound variables: the lookup splits its IN list and the insert
    # its rows to stay under. A limit of 2 means two paths per lookup, one row per INSERT.
    from django.db import connection

    monkeypatch.setattr(type(connection.features), "max_query_params", 2)
    rows = [make_wanted(file_path=f"/tv/chunk{n}.mkv", status="failed") for n in range(5)]
    items = [{"item_type": "episode", "file_path": f"/tv/chunk{n}.mkv", "title": f"t{n}"} for n in range(8)]
    assert bulk(api_client, *items) == {"inserted": 3, "updated": 5, "kept_ignored": 0}
    assert {row.status for row in WantedItem.objects.filter(pk__in=[r.pk for r in rows])} == {"wanted"}
    titles = WantedItem.objects.filter(file_path__startswith="/tv/chunk").order_by("id").values_list("title")
    assert [title for (title,) in titles] == [f"t{n}" for n in range(8)]


def test_bulk_ignores_unknown_fields_and_defaults_nulls(api_client: APIClient) -> None:
    bulk(
        api_client,
        {
            "item_type": "episode",
            "file_path": "/tv/e.mkv",
            "status": "ignored",
            "colour": "red",
            "title": None,
            "missing_languages": None,
            "sonarr_series_id": None,
        },
    )
    item = WantedItem.objects.get()
    stored = (item.status, item.title, item.missing_languages, item.sonarr_series_id)
    assert stored == ("wanted", "", "[]", None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sonarr_series_id", True),
        ("current_score", 1.5),
        ("current_score", None),
        ("upgrade_candidate", 1),
        ("title", 5),
        ("missing_languages", ["de", None]),
        ("file_path", ""),
    ],
)
def test_bulk_rejects_a_value_of_the_wrong_type(api_client: APIClient, field: str, value) -> None:
    item = {"item_type": "episode", "file_path": "/tv/f.mkv", field: value}
    response = api_client.post("/api/v2/wanted/bulk", {"items": [item]}, format="json")
    assert response.status_code == 400
    assert list(response.json()["items"]["0"]) == [field]


def test_bulk_rejects_an_item_that_is_not_an_object(api_client: APIClient) -> None:
    items = [{"item_type": "episode", "file_path": "/a"}, 3]
    response = api_client.post("/api/v2/wanted/bulk", {"items": items}, format="json")
    assert response.status_code == 400
    assert response.json()["items"] == {"1": {"non_field_errors": ["Expected an object."]}}
    assert not WantedItem.objects.exists()


def test_bulk_takes_a_full_request(api_client: APIClient, make_wanted: Make) -> None:
    # Inserted a hundred rows per statement: 49 whole statements and a remainder of 99.
    make_wanted(file_path="/tv/full/0.mkv", status="ignored")
    items = [{"item_type": "episode", "file_path": f"/tv/full/{n}.mkv"} for n in range(5000)]
    assert bulk(api_client, *items) == {"inserted": 4999, "updated": 1, "kept_ignored": 1}
    assert WantedItem.objects.filter(file_path__startswith="/tv/full/").count() == 5000
