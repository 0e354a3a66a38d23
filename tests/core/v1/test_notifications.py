"""/api/v1/notifications/status: the configured notification targets and the events that notify."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from apps.core.config import store
from apps.core.notifications import notification_urls

pytestmark = pytest.mark.django_db


def test_nothing_configured_with_the_default_events(keyed: Client) -> None:
    response = keyed.get("/api/v1/notifications/status")
    assert response.status_code == 200
    assert response.json() == {
        "configured": False,
        "url_count": 0,
        "events": {
            "download": True,
            "upgrade": True,
            "batch_complete": True,
            "error": True,
            "manual_actions": False,
        },
    }


def test_the_targets_are_counted_and_the_event_settings_read(keyed: Client) -> None:
    store.save(
        {
            "notification_urls_json": json.dumps(["discord://a/b", "  ", "tgram://c"]),
            "notify_on_error": False,
            "notify_manual_actions": True,
        }
    )
    body = keyed.get("/api/v1/notifications/status").json()
    assert (body["configured"], body["url_count"]) == (True, 2)
    assert (body["events"]["error"], body["events"]["manual_actions"]) == (False, True)


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("", []),
        ("   ", []),
        ('["a://1", " b://2 ", ""]', ["a://1", "b://2"]),
        ("a://1\n\n  b://2  \n", ["a://1", "b://2"]),
        ('{"not": "a list"}', ['{"not": "a list"}']),  # legacy: not an array, so one line
        ('[1, null, "a://1"]', ["a://1"]),
    ],
)
def test_the_setting_is_a_json_array_or_one_url_per_line(text: str, urls: list[str]) -> None:
    assert notification_urls(text) == urls


def test_it_needs_the_api_key() -> None:
    assert Client().get("/api/v1/notifications/status").status_code == 401
