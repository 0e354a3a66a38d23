"""/api/v1/settings/path-mapping/test and the mapping itself (apps.core.arr.map_path)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from apps.core.arr import map_path
from apps.core.config.schema import FIELD_TYPES
from apps.core.models import ConfigEntry
from sublarr.api.keys import current_api_key

URL = "/api/v1/settings/path-mapping/test"


@pytest.mark.parametrize(
    ("path", "mapping", "expected"),
    [
        ("/data/tv/x.mkv", "", "/data/tv/x.mkv"),
        ("/data/tv/x.mkv", "/data=/media", "/media/tv/x.mkv"),
        # The first pair whose prefix matches wins, even when a later one is longer.
        ("/data/tv/x.mkv", "/data=/a;/data/tv=/b", "/a/tv/x.mkv"),
        ("/anime/x.mkv", "/data=/media ; /anime = /share/anime", "/share/anime/x.mkv"),
        # Split at the first "=": the local side keeps the rest, as legacy did.
        ("/data/x", "/data=>/media", ">/media/x"),
        ("/data/x", "/data==/m", "=/m/x"),
        # Pairs without "=" or with an empty side are skipped.
        ("/data/x", "/data;=/m;/data=;/data=/ok", "/ok/x"),
        # A plain string prefix, not a path component (legacy's startswith).
        ("/database/x", "/data=/m", "/mbase/x"),
        ("/other/x", "/data=/media", "/other/x"),
    ],
)
def test_map_path(path: str, mapping: str, expected: str) -> None:
    assert map_path(path, mapping) == expected


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Client:
    for name in FIELD_TYPES:
        monkeypatch.delenv(f"SUBLARR_{name.upper()}", raising=False)
    return Client(HTTP_X_API_KEY=current_api_key())


def post(client: Client, body: Any) -> Any:
    return client.post(URL, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_a_mapped_path_that_exists(keyed: Client, tmp_path: Path) -> None:
    (tmp_path / "tv").mkdir()
    (tmp_path / "tv" / "x.mkv").write_bytes(b"")
    ConfigEntry.objects.create(key="path_mapping", value=f"/data={tmp_path}")
    response = post(keyed, {"remote_path": "  /data/tv/x.mkv\n"})
    assert response.status_code == 200
    assert response.json() == {
        "remote_path": "/data/tv/x.mkv",
        "mapped_path": f"{tmp_path}/tv/x.mkv",
        "exists": True,
    }


@pytest.mark.django_db
def test_an_unmapped_path_is_checked_as_given(keyed: Client, tmp_path: Path) -> None:
    ConfigEntry.objects.create(key="path_mapping", value="/data=/media")
    body = post(keyed, {"remote_path": str(tmp_path)}).json()
    assert body == {"remote_path": str(tmp_path), "mapped_path": str(tmp_path), "exists": True}
    body = post(keyed, {"remote_path": f"{tmp_path}/missing"}).json()
    assert body["exists"] is False


@pytest.mark.django_db
def test_the_mapping_from_the_environment(keyed: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUBLARR_PATH_MAPPING", "/tv=/srv/tv")
    assert post(keyed, {"remote_path": "/tv/a.mkv"}).json()["mapped_path"] == "/srv/tv/a.mkv"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({}, "remote_path is required"),
        ({"remote_path": "   "}, "remote_path is required"),
        (None, "remote_path is required"),
        ([], "remote_path is required"),
        ({"remote_path": None}, "remote_path must be a string"),
        ({"remote_path": 5}, "remote_path must be a string"),
        (["/data/x"], "Request body must be a JSON object"),
        ("/data/x", "Request body must be a JSON object"),
    ],
)
def test_bad_bodies_are_a_400_and_store_nothing(keyed: Client, body: Any, error: str) -> None:
    response = post(keyed, body)
    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert not ConfigEntry.objects.exists()


@pytest.mark.django_db
def test_a_path_with_a_lone_surrogate_is_a_400(keyed: Client) -> None:
    response = keyed.post(URL, '{"remote_path": "/data/\\ud800.mkv"}', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": "remote_path is not valid text"}


@pytest.mark.django_db
def test_a_body_not_sent_as_json_is_a_415(keyed: Client) -> None:
    response = keyed.post(URL, {"remote_path": "/data/x"})
    assert response.status_code == 415


@pytest.mark.django_db
def test_it_needs_the_api_key() -> None:
    assert Client().post(URL, {"remote_path": "/x"}, content_type="application/json").status_code == 401
