"""/api/v1/standalone: watched folders, series and movies with their wanted items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from apps.core.models import WantedItem
from apps.standalone.models import StandaloneMovie, StandaloneSeries, WatchedFolder
from tests.api_v1_fixtures import send

pytestmark = pytest.mark.django_db


def wanted(status: str = "wanted", **ids: int) -> WantedItem:
    n = WantedItem.objects.count()
    return WantedItem.objects.create(
        item_type="episode", file_path=f"/media/{n:03d}.mkv", status=status, missing_languages='"de"', **ids
    )


def test_adding_an_existing_directory_answers_201_with_the_row(keyed: Client, tmp_path: Path) -> None:
    response = send(keyed, "post", "/api/v1/standalone/folders", {"path": f" {tmp_path} ", "label": "Anime"})
    assert response.status_code == 201
    body = response.json()
    assert (body["path"], body["label"], body["media_type"], body["enabled"]) == (
        str(tmp_path),
        "Anime",
        "auto",
        1,
    )
    assert keyed.get("/api/v1/standalone/folders").json() == [body]


def test_adding_the_same_path_again_updates_and_enables_it(keyed: Client, tmp_path: Path) -> None:
    folder = WatchedFolder.objects.create(path=str(tmp_path), enabled=False)
    response = send(keyed, "post", "/api/v1/standalone/folders", {"path": str(tmp_path), "media_type": "tv"})
    assert (response.json()["id"], response.json()["enabled"], response.json()["media_type"]) == (
        folder.pk,
        1,
        "tv",
    )
    assert WatchedFolder.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "path is required"),
        ({"path": "/no/such/dir"}, "Directory does not exist: /no/such/dir"),
        ({"path": "TMP", "media_type": "series"}, "media_type must be one of: auto, tv, movie"),
    ],
)
def test_a_bad_folder_is_a_400_and_adds_nothing(
    keyed: Client, tmp_path: Path, body: dict[str, Any], message: str
) -> None:
    body = {key: str(tmp_path) if value == "TMP" else value for key, value in body.items()}
    response = send(keyed, "post", "/api/v1/standalone/folders", body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert not WatchedFolder.objects.exists()


def test_updating_a_folder_in_place(keyed: Client, tmp_path: Path) -> None:
    folder = WatchedFolder.objects.create(path=str(tmp_path), label="old")
    other = tmp_path / "other"
    other.mkdir()
    response = send(
        keyed, "put", f"/api/v1/standalone/folders/{folder.pk}", {"path": str(other), "enabled": False}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["path"], body["label"], body["enabled"]) == (folder.pk, str(other), "old", 0)
    missing = send(keyed, "put", "/api/v1/standalone/folders/999", {})
    assert (missing.status_code, missing.json()) == (404, {"error": "Folder not found"})


def test_deleting_a_folder(keyed: Client, tmp_path: Path) -> None:
    folder = WatchedFolder.objects.create(path=str(tmp_path))
    assert keyed.delete(f"/api/v1/standalone/folders/{folder.pk}").json() == {"success": True}
    assert not WatchedFolder.objects.exists()
    assert keyed.delete(f"/api/v1/standalone/folders/{folder.pk}").status_code == 404


def test_series_carry_their_count_of_wanted_items(keyed: Client, django_assert_max_num_queries: Any) -> None:
    frieren = StandaloneSeries.objects.create(title="Frieren", folder_path="/m/Frieren", is_anime=True)
    other = StandaloneSeries.objects.create(title="Apothecary", folder_path="/m/Apothecary")
    wanted(standalone_series_id=frieren.pk)
    wanted(standalone_series_id=frieren.pk)
    wanted("found", standalone_series_id=frieren.pk)
    with django_assert_max_num_queries(3):
        series = keyed.get("/api/v1/standalone/series").json()
    assert [(s["title"], s["wanted_count"]) for s in series] == [("Apothecary", 0), ("Frieren", 2)]
    assert series[1]["is_anime"] == 1 and series[1]["id"] == frieren.pk
    assert other.pk == series[0]["id"]


def test_a_series_lists_its_wanted_items_as_stored_rows(keyed: Client) -> None:
    frieren = StandaloneSeries.objects.create(title="Frieren", folder_path="/m/Frieren")
    item = wanted(standalone_series_id=frieren.pk)
    body = keyed.get(f"/api/v1/standalone/series/{frieren.pk}").json()
    assert body["title"] == "Frieren"
    assert [w["id"] for w in body["wanted_items"]] == [item.pk]
    # As legacy's SELECT * gave it: JSON as its text, flags as 0/1.
    assert body["wanted_items"][0]["missing_languages"] == '"de"'
    assert body["wanted_items"][0]["upgrade_candidate"] == 0
    missing = keyed.get("/api/v1/standalone/series/999")
    assert (missing.status_code, missing.json()) == (404, {"error": "Series not found"})


def test_deleting_a_series_deletes_its_wanted_items(keyed: Client) -> None:
    frieren = StandaloneSeries.objects.create(title="Frieren", folder_path="/m/Frieren")
    wanted(standalone_series_id=frieren.pk)
    kept = wanted(standalone_series_id=frieren.pk + 1)
    assert keyed.delete(f"/api/v1/standalone/series/{frieren.pk}").json() == {"success": True}
    assert list(WantedItem.objects.all()) == [kept]
    assert not StandaloneSeries.objects.exists()


def test_movies_carry_wanted_counts_and_delete_their_wanted_items(keyed: Client) -> None:
    movie = StandaloneMovie.objects.create(title="Your Name", file_path="/m/your-name.mkv")
    wanted(standalone_movie_id=movie.pk)
    assert keyed.get("/api/v1/standalone/movies").json()[0]["wanted_count"] == 1
    assert keyed.delete(f"/api/v1/standalone/movies/{movie.pk}").json() == {"success": True}
    assert not WantedItem.objects.exists()
    missing = keyed.delete(f"/api/v1/standalone/movies/{movie.pk}")
    assert (missing.status_code, missing.json()) == (404, {"error": "Movie not found"})


def test_v2_and_bulk_deletes_cascade_to_wanted_items_too(keyed: Client) -> None:
    series = [StandaloneSeries.objects.create(title=t, folder_path=f"/m/{t}") for t in ("a", "b")]
    for s in series:
        wanted(standalone_series_id=s.pk)
    assert keyed.delete(f"/api/v2/standalone-series/{series[0].pk}").status_code == 204
    assert WantedItem.objects.count() == 1
    StandaloneSeries.objects.all().delete()
    assert not WantedItem.objects.exists()
