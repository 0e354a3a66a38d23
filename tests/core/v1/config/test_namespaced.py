"""The namespaced settings of the Settings tabs, stored under the legacy key names."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from apps.core.models import ConfigEntry
from tests.paths import LEGACY

pytestmark = pytest.mark.django_db


def put(client: Client, path: str, body: Any) -> Any:
    return client.put(path, json.dumps(body), content_type="application/json")


def rows() -> dict[str, str]:
    return dict(ConfigEntry.objects.values_list("key", "value"))


def test_a_translation_backend_stores_backend_name_key_and_masks_passwords(keyed: Client) -> None:
    assert keyed.get("/api/v1/backends/libretranslate/config").json() == {}
    body = {"url": "http://lt:5000", "api_key": "sekret", "request_timeout": 45}
    response = put(keyed, "/api/v1/backends/libretranslate/config", body)
    assert (response.status_code, response.json()) == (200, {"status": "saved"})
    assert {k: v for k, v in rows().items() if k.startswith("backend.")} == {
        "backend.libretranslate.url": "http://lt:5000",
        "backend.libretranslate.api_key": "sekret",
        "backend.libretranslate.request_timeout": "45",
    }
    shown = keyed.get("/api/v1/backends/libretranslate/config").json()
    assert shown == {"url": "http://lt:5000", "api_key": "***", "request_timeout": "45"}
    put(keyed, "/api/v1/backends/libretranslate/config", {**shown, "url": "http://lt2:5000"})
    assert rows()["backend.libretranslate.api_key"] == "sekret"


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        ({"model": "x", "temperature": "hot"}, "temperature"),
        ({"max_retries": None}, "max_retries"),
        ({"url": 5}, "url"),
    ],
)
def test_a_bad_backend_value_is_a_400_and_nothing_is_stored(
    keyed: Client, body: dict[str, Any], bad: str
) -> None:
    response = put(keyed, "/api/v1/backends/ollama/config", body)
    assert response.status_code == 400
    assert bad in response.json()["error"]
    assert rows() == {}


def test_a_key_the_backend_does_not_list_is_stored_as_legacy_did(keyed: Client) -> None:
    assert put(keyed, "/api/v1/backends/deepl/config", {"formality": "less"}).status_code == 200
    assert rows() == {"backend.deepl.formality": "less"}


def test_unknown_backends_and_empty_bodies_answer_as_legacy(keyed: Client) -> None:
    assert keyed.get("/api/v1/backends/babelfish/config").status_code == 404
    assert keyed.get("/api/v1/backends/babelfish/config").json() == {"error": "Backend 'babelfish' not found"}
    assert put(keyed, "/api/v1/backends/babelfish/config", {"a": "b"}).status_code == 404
    assert put(keyed, "/api/v1/backends/deepl/config", {}).json() == {
        "error": "No configuration data provided"
    }


def test_a_whisper_backend_stores_whisper_name_key(keyed: Client) -> None:
    response = put(
        keyed, "/api/v1/whisper/backends/config/subgen", {"endpoint": "http://sg:9000", "timeout": "300"}
    )
    assert (response.status_code, response.json()) == (200, {"success": True})
    assert rows() == {"whisper.subgen.endpoint": "http://sg:9000", "whisper.subgen.timeout": "300"}
    assert keyed.get("/api/v1/whisper/backends/config/subgen").json() == {
        "endpoint": "http://sg:9000",
        "timeout": "300",
    }
    assert keyed.get("/api/v1/whisper/backends/config/nope").status_code == 404


def test_whisper_global_settings_default_and_store_legacy_text(keyed: Client) -> None:
    assert keyed.get("/api/v1/whisper/config").json() == {
        "whisper_backend": "subgen",
        "max_concurrent_whisper": 1,
        "whisper_enabled": False,
    }
    body = {"whisper_backend": "faster_whisper", "max_concurrent_whisper": 2, "whisper_enabled": True}
    assert put(keyed, "/api/v1/whisper/config", body).json() == {"success": True}
    assert rows() == {
        "whisper_backend": "faster_whisper",
        "max_concurrent_whisper": "2",
        "whisper_enabled": "true",
    }
    assert keyed.get("/api/v1/whisper/config").json() == body


def test_other_keys_are_ignored_by_the_whisper_settings_as_in_legacy(keyed: Client) -> None:
    assert put(keyed, "/api/v1/whisper/config", {"whisper_enabled": False, "other": 1}).json() == {
        "success": True
    }
    assert rows() == {"whisper_enabled": "false"}


@pytest.mark.parametrize(
    "body",
    [
        {"whisper_backend": "vosk"},
        {"max_concurrent_whisper": 0},
        {"whisper_enabled": "perhaps"},
        {"whisper_enabled": "yes please", "extra": 1},
        {},
    ],
)
def test_bad_whisper_settings_are_a_400_and_nothing_is_stored(keyed: Client, body: dict[str, Any]) -> None:
    response = put(keyed, "/api/v1/whisper/config", body)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert rows() == {}


def test_media_server_instances_round_trip_with_masked_secrets(keyed: Client) -> None:
    assert keyed.get("/api/v1/mediaservers/instances").json() == []
    instances = [
        {
            "type": "jellyfin",
            "name": "Jelly",
            "enabled": True,
            "url": "http://j:8096",
            "api_key": "abcdef123456",
        },
        {"type": "plex", "name": "Plex", "url": "http://p:32400", "token": "xyz"},
    ]
    response = put(keyed, "/api/v1/mediaservers/instances", instances)
    assert response.status_code == 200
    assert rows()["media_servers_json"] == json.dumps(instances)
    assert response.json() == instances  # the array as sent, as legacy answered
    shown = keyed.get("/api/v1/mediaservers/instances").json()
    assert shown[0]["api_key"] == "***3456" and shown[1]["token"] == "***"
    # The tab sends the masked list back with one change: the secrets stay.
    shown[0]["url"] = "http://j2:8096"
    echoed = put(keyed, "/api/v1/mediaservers/instances", shown).json()
    assert echoed[0]["api_key"] == "***3456"  # never a stored secret the client did not send
    stored = json.loads(rows()["media_servers_json"])
    assert (stored[0]["url"], stored[0]["api_key"], stored[1]["token"]) == (
        "http://j2:8096",
        "abcdef123456",
        "xyz",
    )
    assert keyed.get("/api/v1/config").json()["media_servers_json"] == rows()["media_servers_json"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"type": "plex"}, "Expected a JSON array"),
        ([1], "Entry at index 0 is not an object"),
        ([{"name": "x"}], "Entry at index 0 missing 'type'"),
        ([{"type": "plex", "name": "a"}, {"type": "kodi"}], "Entry at index 1 missing 'name'"),
        ([{"type": "emby", "name": "e"}], "Entry at index 0 has unknown type 'emby'"),
    ],
)
def test_bad_media_server_lists_are_a_400_and_nothing_is_stored(
    keyed: Client, body: Any, message: str
) -> None:
    response = put(keyed, "/api/v1/mediaservers/instances", body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert rows() == {}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/api/v1/config"),
        ("post", "/api/v1/config/import"),
        ("put", "/api/v1/whisper/config"),
        ("put", "/api/v1/backends/ollama/config"),
        ("put", "/api/v1/whisper/backends/config/subgen"),
        ("put", "/api/v1/mediaservers/instances"),
    ],
)
def test_a_body_not_sent_as_json_is_a_415_as_flask_answered(keyed: Client, method: str, path: str) -> None:
    response = getattr(keyed, method)(path, "port=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    assert getattr(keyed, method)(path).status_code == 415
    assert rows() == {}


def test_no_plugin_is_installed_so_every_plugin_config_is_a_404(keyed: Client) -> None:
    assert keyed.get("/api/v1/plugins/jimaku/config").json() == {"error": "Plugin 'jimaku' not found"}
    response = put(keyed, "/api/v1/plugins/mycustom/config", {"api_key": "x"})
    assert (response.status_code, response.json()) == (404, {"error": "Plugin 'mycustom' not found"})
    assert rows() == {}


LEGACY_READ_TABS = """
import json
from config import get_media_server_instances
from db.config import get_all_config_entries
from routes.whisper import _get_config
WHISPER_KEYS = ("whisper_backend", "max_concurrent_whisper", "whisper_enabled")
entries = get_all_config_entries()
print(json.dumps({
    "media_servers": get_media_server_instances(),
    "whisper": {key: _get_config(key) for key in WHISPER_KEYS},
    "backend": {key: value for key, value in entries.items() if key.startswith(("backend.", "whisper."))},
}))
"""


@pytest.mark.slow
def test_the_legacy_application_reads_the_tabs_settings_we_wrote(keyed: Client, tmp_path: Path) -> None:
    src, python = os.environ.get("SUBLARR_LEGACY_SRC"), os.environ.get("SUBLARR_LEGACY_PYTHON")
    if not src or not python or not (Path(src) / "config.py").is_file() or not Path(python).is_file():
        pytest.skip("the legacy application is not set up: set SUBLARR_LEGACY_SRC and SUBLARR_LEGACY_PYTHON")
    instances = [{"type": "plex", "name": "Plëx", "enabled": True, "url": "http://p:32400", "token": "t0k3n"}]
    assert put(keyed, "/api/v1/mediaservers/instances", instances).status_code == 200
    assert (
        put(
            keyed, "/api/v1/whisper/config", {"whisper_enabled": True, "max_concurrent_whisper": 3}
        ).status_code
        == 200
    )
    assert (
        put(keyed, "/api/v1/backends/ollama/config", {"temperature": 0.7, "model": "qwen3"}).status_code
        == 200
    )
    assert put(keyed, "/api/v1/whisper/backends/config/subgen", {"timeout": "900"}).status_code == 200

    copy = tmp_path / "sublarr.db"
    shutil.copyfile(LEGACY / "v14-4d45cc2.db", copy)
    with sqlite3.connect(copy) as db:
        db.execute("DELETE FROM config_entries")
        db.executemany(
            "INSERT INTO config_entries (key, value, updated_at) VALUES (?, ?, ?)",
            ConfigEntry.objects.values_list("key", "value", "updated_at"),
        )
    result = subprocess.run(
        [python, "-c", f"import sys; sys.path.insert(0, {src!r})\n{LEGACY_READ_TABS}"],
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", ""), "SUBLARR_DB_PATH": str(copy), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    legacy = json.loads(result.stdout.strip().splitlines()[-1])
    assert legacy["media_servers"] == instances
    assert legacy["whisper"] == {
        "whisper_backend": "",  # not stored: legacy read its default "" here
        "max_concurrent_whisper": "3",
        "whisper_enabled": "true",
    }
    assert legacy["backend"] == {
        "backend.ollama.temperature": "0.7",
        "backend.ollama.model": "qwen3",
        "whisper.subgen.timeout": "900",
    }
