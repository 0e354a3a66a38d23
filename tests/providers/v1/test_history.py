"""/api/v1/history: the legacy download history list and its statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from apps.providers.models import SubtitleDownload
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_X_API_KEY=current_api_key())


def download(n: int, **values: Any) -> SubtitleDownload:
    defaults = {
        "provider_name": "jimaku",
        "subtitle_id": f"s{n}",
        "language": "de",
        "format": "ass",
        "file_path": f"/tv/{n}.mkv",
        "score": 100 + n,
        "downloaded_at": f"2026-01-01T00:00:{n:02d}",
    }
    return SubtitleDownload.objects.create(**{**defaults, **values})


def ids(response: Any) -> list[int]:
    return [row["id"] for row in response.json()["data"]]


def test_the_list_is_newest_first_with_every_column(client: Client) -> None:
    first, second = download(1), download(2, subtitle_type="forced")
    body = client.get("/api/v1/history").json()
    assert [row["id"] for row in body["data"]] == [second.id, first.id]
    assert body["data"][0] == {
        "id": second.id,
        "provider_name": "jimaku",
        "subtitle_id": "s2",
        "language": "de",
        "format": "ass",
        "file_path": "/tv/2.mkv",
        "score": 102,
        "downloaded_at": "2026-01-01T00:00:02",
        "subtitle_type": "forced",
    }
    assert {k: v for k, v in body.items() if k != "data"} == {
        "page": 1,
        "per_page": 50,
        "total": 2,
        "total_pages": 1,
    }


def test_it_filters_by_provider_and_language(client: Client) -> None:
    jimaku_de = download(1)
    subdl_es = download(2, provider_name="subdl", language="es")
    subdl_de = download(3, provider_name="subdl")
    assert ids(client.get("/api/v1/history", {"provider": "subdl"})) == [subdl_de.id, subdl_es.id]
    assert ids(client.get("/api/v1/history", {"language": "de"})) == [subdl_de.id, jimaku_de.id]
    assert ids(client.get("/api/v1/history", {"provider": "subdl", "language": "es"})) == [subdl_es.id]
    assert client.get("/api/v1/history", {"provider": "nope"}).json()["total"] == 0


def test_it_pages_like_legacy(client: Client) -> None:
    rows = [download(n) for n in range(1, 6)]
    body = client.get("/api/v1/history", {"page": 2, "per_page": 2}).json()
    assert [row["id"] for row in body["data"]] == [rows[2].id, rows[1].id]
    assert body["total_pages"] == 3
    assert client.get("/api/v1/history", {"per_page": 300}).json()["per_page"] == 200


def test_the_stats_count_by_provider_format_and_language(client: Client) -> None:
    download(1)
    download(2, provider_name="subdl", format="srt", language="es")
    download(3, provider_name="subdl", format="", language="de")
    download(4, format=None)
    body = client.get("/api/v1/history/stats").json()
    assert body == {
        "total_downloads": 4,
        "by_provider": {"jimaku": 2, "subdl": 2},
        "by_format": {"ass": 1, "srt": 1, "unknown": 2},
        "by_language": {"de": 3, "es": 1},
        "last_24h": 0,
        "last_7d": 0,
    }


def test_recent_downloads_count_from_the_cutoff_date_as_legacy_compared_text(client: Client) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    iso = lambda moment: moment.isoformat()  # noqa: E731
    download(1, downloaded_at=iso(now - timedelta(hours=1)))
    # Legacy compared "...T..." text with datetime()'s "... ..." text: a download on the cutoff's
    # date counts even when it is older than the cutoff time (here the first second of that day).
    cutoff_day = (now - timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=1)
    download(2, downloaded_at=iso(cutoff_day))
    download(3, downloaded_at=iso(now - timedelta(days=3)))
    download(4, downloaded_at=iso(now - timedelta(days=30)))
    body = client.get("/api/v1/history/stats").json()
    assert (body["last_24h"], body["last_7d"], body["total_downloads"]) == (2, 3, 4)


def test_the_stats_of_no_downloads(client: Client) -> None:
    assert client.get("/api/v1/history/stats").json() == {
        "total_downloads": 0,
        "by_provider": {},
        "by_format": {},
        "by_language": {},
        "last_24h": 0,
        "last_7d": 0,
    }
