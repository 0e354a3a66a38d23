"""/api/v1/config, /config/export, /config/import: typed settings stored as the legacy text."""

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

from apps.core.config.schema import DEFAULTS, FIELD_TYPES, MASK, SECRETS
from apps.core.models import ConfigEntry
from tests.paths import LEGACY

pytestmark = pytest.mark.django_db

FIXTURE = LEGACY / "v14-4d45cc2.db"


@pytest.fixture(autouse=True)
def no_settings_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in FIELD_TYPES:
        monkeypatch.delenv(f"SUBLARR_{name.upper()}", raising=False)


def put(client: Client, path: str, body: Any) -> Any:
    return client.put(path, json.dumps(body), content_type="application/json")


def post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def rows() -> dict[str, str]:
    return dict(ConfigEntry.objects.values_list("key", "value"))


def typed_sample(name: str) -> Any:
    """A value unlike the default, of the setting's own JSON type."""
    kind, default = FIELD_TYPES[name], DEFAULTS[name]
    if kind is bool:
        return not default
    if kind is int:
        return default + 7
    if kind is float:
        return 0.55
    return f"  välue of {name} \t"


def legacy_written_text(name: str, value: Any) -> str:
    # backend/routes/config.py: str(value), stripped for strings and for api keys and passwords.
    if isinstance(value, str) or "api_key" in name or "password" in name:
        return str(value).strip()
    return str(value)


def read_back(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def test_get_answers_every_legacy_setting_with_its_default_and_type(keyed: Client) -> None:
    body = keyed.get("/api/v1/config").json()
    assert list(body) == list(FIELD_TYPES)
    assert len(body) == 84
    for name, value in body.items():
        assert type(value) is FIELD_TYPES[name], name
        # The api_key setting is the legacy one (stored or SUBLARR_API_KEY); the API's own key,
        # generated when unset, is sublarr.api.keys'.
        assert value == ("" if name in SECRETS else DEFAULTS[name])


def test_put_saves_every_setting_as_legacy_text_and_reads_it_back_typed(keyed: Client) -> None:
    sent = {name: typed_sample(name) for name in FIELD_TYPES}
    response = put(keyed, "/api/v1/config", sent)
    assert response.status_code == 200
    assert response.json()["status"] == "saved"
    assert response.json()["updated_keys"] == list(FIELD_TYPES)
    stored = rows()
    for name, value in sent.items():
        assert stored[name] == legacy_written_text(name, value), name
    assert stored["wanted_anime_only"] == "False"
    assert stored["port"] == "5772"
    assert stored["temperature"] == "0.55"
    exported = keyed.get("/api/v1/config/export", {"include_secrets": "true"}).json()
    assert exported == {name: read_back(value) for name, value in sent.items()}
    shown = keyed.get("/api/v1/config").json()
    assert shown["sonarr_api_key"] == MASK
    assert shown["port"] == 5772


def test_the_settings_page_sends_strings_and_they_are_stored_as_sent(keyed: Client) -> None:
    # The frontend sends String(value) for every field: "true", "12", "0.5".
    sent = {"wanted_anime_only": "false", "upgrade_enabled": "TRUE", "batch_size": "12", "temperature": "0.5"}
    assert put(keyed, "/api/v1/config", sent).status_code == 200
    assert {key: rows()[key] for key in sent} == {
        "wanted_anime_only": "false",
        "upgrade_enabled": "TRUE",
        "batch_size": "12",
        "temperature": "0.5",
    }
    body = keyed.get("/api/v1/config").json()
    assert (body["wanted_anime_only"], body["upgrade_enabled"], body["batch_size"]) == (False, True, 12)
    assert body["temperature"] == 0.5


def test_a_masked_secret_means_unchanged(keyed: Client) -> None:
    put(keyed, "/api/v1/config", {"sonarr_api_key": " abc "})
    assert rows()["sonarr_api_key"] == "abc"
    response = put(keyed, "/api/v1/config", {"sonarr_api_key": MASK, "sonarr_url": "http://s:8989"})
    assert response.json()["updated_keys"] == ["sonarr_url"]
    assert rows()["sonarr_api_key"] == "abc"
    assert response.json()["config"]["sonarr_api_key"] == MASK


@pytest.mark.parametrize(
    ("body", "bad_keys"),
    [
        ({"no_such_setting": "1", "port": 8080}, ["no_such_setting"]),
        ({"port": "eighty", "batch_size": 5}, ["port"]),
        ({"port": 80.5}, ["port"]),
        ({"port": True}, ["port"]),
        ({"wanted_anime_only": "maybe"}, ["wanted_anime_only"]),
        ({"wanted_anime_only": 1}, ["wanted_anime_only"]),
        ({"temperature": "warm"}, ["temperature"]),
        ({"temperature": "nan"}, ["temperature"]),
        ({"log_level": 10}, ["log_level"]),
        ({"sonarr_instances_json": [{"name": "x"}]}, ["sonarr_instances_json"]),
        ({"ollama_url": None, "port": "x"}, ["ollama_url", "port"]),
    ],
)
def test_a_bad_value_is_a_400_naming_each_bad_key_and_nothing_is_saved(
    keyed: Client, body: dict[str, Any], bad_keys: list[str]
) -> None:
    ConfigEntry.objects.create(key="batch_size", value="15")
    before = rows()
    response = put(keyed, "/api/v1/config", body)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    for key in bad_keys:
        assert key in response.json()["error"]
    assert rows() == before


@pytest.mark.parametrize("body", [{}, [], "text", [{"port": 1}]])
def test_an_empty_or_non_object_body_is_a_400(keyed: Client, body: Any) -> None:
    response = put(keyed, "/api/v1/config", body)
    assert response.status_code == 400
    assert response.json() == {"error": "No config values provided"}


def test_stored_text_legacy_could_not_parse_falls_back_to_the_default(keyed: Client) -> None:
    ConfigEntry.objects.create(key="port", value="not a number")
    ConfigEntry.objects.create(key="wanted_anime_only", value="nope")
    ConfigEntry.objects.create(key="plugin.x.api_key", value="outside the schema")
    body = keyed.get("/api/v1/config").json()
    assert body["port"] == 5765
    assert body["wanted_anime_only"] is False
    assert "plugin.x.api_key" not in body


def test_the_environment_overrides_the_default_and_a_stored_value_overrides_both(
    keyed: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUBLARR_BATCH_SIZE", "40")
    monkeypatch.setenv("SUBLARR_OLLAMA_MODEL", "llama3")
    ConfigEntry.objects.create(key="ollama_model", value="mistral")
    body = keyed.get("/api/v1/config").json()
    assert (body["batch_size"], body["ollama_model"]) == (40, "mistral")


def test_export_masks_secrets_unless_asked(keyed: Client) -> None:
    put(keyed, "/api/v1/config", {"tmdb_api_key": "t0k", "opensubtitles_password": "pw"})
    exported = keyed.get("/api/v1/config/export").json()
    assert exported["tmdb_api_key"] == MASK
    assert exported["opensubtitles_password"] == MASK
    assert exported["jimaku_api_key"] == ""
    assert "t0k" not in json.dumps(exported)
    full = keyed.get("/api/v1/config/export", {"include_secrets": "1"}).json()
    assert (full["tmdb_api_key"], full["opensubtitles_password"]) == ("t0k", "pw")


def test_import_skips_secrets_and_saves_the_rest(keyed: Client) -> None:
    response = post(
        keyed, "/api/v1/config/import", {"sonarr_api_key": "leak", "port": 6000, "log_format": "json"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["imported_keys"], body["skipped_secrets"]) == (
        "imported",
        ["port", "log_format"],
        ["sonarr_api_key"],
    )
    assert "sonarr_api_key" not in rows()
    assert body["config"]["port"] == 6000


def test_an_export_imports_back_unchanged(keyed: Client) -> None:
    put(keyed, "/api/v1/config", {"port": 7000, "sonarr_api_key": "k", "upgrade_enabled": False})
    exported = keyed.get("/api/v1/config/export").json()
    before = rows()
    assert post(keyed, "/api/v1/config/import", exported).status_code == 200
    assert keyed.get("/api/v1/config/export").json() == exported
    assert rows()["sonarr_api_key"] == before["sonarr_api_key"] == "k"


def test_import_stores_text_unstripped_as_legacy_import_did(keyed: Client) -> None:
    post(keyed, "/api/v1/config/import", {"ollama_model": " llama3 ", "upgrade_enabled": True})
    assert (rows()["ollama_model"], rows()["upgrade_enabled"]) == (" llama3 ", "True")
    assert keyed.get("/api/v1/config").json()["ollama_model"] == "llama3"


def test_import_with_secrets_when_asked(keyed: Client) -> None:
    response = post(keyed, "/api/v1/config/import?include_secrets=true", {"sonarr_api_key": "k2"})
    assert response.json()["imported_keys"] == ["sonarr_api_key"]
    assert rows()["sonarr_api_key"] == "k2"


def test_a_bad_import_is_a_400_and_changes_nothing(keyed: Client) -> None:
    response = post(keyed, "/api/v1/config/import", {"port": 1, "bogus": 2, "batch_size": "x"})
    assert response.status_code == 400
    assert "bogus" in response.json()["error"]
    assert "batch_size" in response.json()["error"]
    assert rows() == {}
    assert post(keyed, "/api/v1/config/import", {}).json() == {"error": "No config data provided"}


def _legacy_reader() -> tuple[Path, Path]:
    src, python = os.environ.get("SUBLARR_LEGACY_SRC"), os.environ.get("SUBLARR_LEGACY_PYTHON")
    if not src or not python:
        pytest.skip(
            "the legacy application is not set up: "
            "set SUBLARR_LEGACY_SRC (its backend/) and SUBLARR_LEGACY_PYTHON"
        )
    if not (Path(src) / "config.py").is_file() or not Path(python).is_file():
        pytest.skip(f"the legacy checkout is absent: {src}/config.py or {python} missing")
    return Path(src), Path(python)


LEGACY_READ = """
import json
from config import reload_settings
from db.config import get_all_config_entries
print(json.dumps(reload_settings(get_all_config_entries()).model_dump()))
"""


@pytest.mark.slow
@pytest.mark.parametrize("how", ["put-json-typed", "put-strings", "import"])
def test_the_legacy_application_reads_what_we_wrote_as_the_same_values(
    keyed: Client, tmp_path: Path, how: str
) -> None:
    src, python = _legacy_reader()
    sent = {name: typed_sample(name) for name in FIELD_TYPES}
    if how == "put-strings":
        sent = {
            name: str(value).lower() if isinstance(value, bool) else str(value)
            for name, value in sent.items()
        }
    if how == "import":
        assert post(keyed, "/api/v1/config/import?include_secrets=1", sent).status_code == 200
    else:
        assert put(keyed, "/api/v1/config", sent).status_code == 200
    ours = keyed.get("/api/v1/config/export", {"include_secrets": "1"}).json()

    # The rows exactly as stored here, in a copy of a legacy database file.
    copy = tmp_path / "sublarr.db"
    shutil.copyfile(FIXTURE, copy)
    with sqlite3.connect(copy) as db:
        db.execute("DELETE FROM config_entries")
        db.executemany(
            "INSERT INTO config_entries (key, value, updated_at) VALUES (?, ?, ?)",
            ConfigEntry.objects.values_list("key", "value", "updated_at"),
        )
    environment = {"PATH": os.environ.get("PATH", ""), "SUBLARR_DB_PATH": str(copy), "HOME": str(tmp_path)}
    result = subprocess.run(
        [str(python), "-c", f"import sys; sys.path.insert(0, {str(src)!r})\n{LEGACY_READ}"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    legacy = json.loads(result.stdout.strip().splitlines()[-1])
    assert legacy == ours


def test_saving_settings_emits_config_updated_to_subscribed_webhooks(
    keyed: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apps.hooks import tasks
    from apps.hooks.models import WebhookConfig

    emitted: list[tuple[str, dict[str, Any], int]] = []
    real_emit = tasks.emit

    def recording_emit(event_name: str, payload: dict[str, Any]) -> int:
        queued = real_emit(event_name, payload)
        emitted.append((event_name, payload, queued))
        return queued

    monkeypatch.setattr(tasks, "emit", recording_emit)
    WebhookConfig.objects.create(name="all", event_name="*", url="http://127.0.0.1:9/")
    WebhookConfig.objects.create(name="cfg", event_name="config_updated", url="http://127.0.0.1:9/")
    WebhookConfig.objects.create(name="other", event_name="batch_complete", url="http://127.0.0.1:9/")
    put(keyed, "/api/v1/config", {"port": 1234, "log_level": "DEBUG"})
    # Queued for the "*" webhook and the config_updated one, not the other.
    assert emitted == [("config_updated", {"updated_keys": ["port", "log_level"]}, 2)]
    put(keyed, "/api/v1/config", {"port": "bad"})
    assert len(emitted) == 1
