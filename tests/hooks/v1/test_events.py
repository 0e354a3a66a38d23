"""/api/v1/events/catalog: the legacy event names and payload fields."""

from __future__ import annotations

import pytest
from django.test import Client

from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


def test_the_catalog_lists_the_sixteen_legacy_events_with_their_payload_fields() -> None:
    body = Client(HTTP_X_API_KEY=current_api_key()).get("/api/v1/events/catalog").json()
    assert isinstance(body, list) and len(body) == 16
    assert [event["name"] for event in body][:3] == [
        "subtitle_downloaded",
        "translation_complete",
        "translation_failed",
    ]
    first = body[0]
    assert set(first) == {"name", "label", "description", "payload_keys"}
    assert first["label"] == "Subtitle Downloaded"
    assert first["payload_keys"] == [
        "provider_name",
        "language",
        "format",
        "score",
        "series_title",
        "season",
        "episode",
        "movie_title",
    ]
    by_name = {event["name"]: event for event in body}
    assert by_name["config_updated"]["payload_keys"] == ["changed_keys", "source"]
    assert by_name["standalone_file_detected"]["payload_keys"] == ["path", "type", "wanted"]
