"""/api/v1/backends and /api/v1/whisper/backends: the known backends and what configures them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from apps.core.config import namespaces, store
from apps.translation import catalog

pytestmark = pytest.mark.django_db


def backends(keyed: Client, path: str) -> dict[str, dict[str, Any]]:
    response = keyed.get(path)
    assert response.status_code == 200
    listed = response.json()["backends"]
    return {backend["name"]: backend for backend in listed} | {"": {"order": [b["name"] for b in listed]}}


def test_translation_backends_in_legacy_order_only_ollama_configured_without_entries(keyed: Client) -> None:
    listed = backends(keyed, "/api/v1/backends")
    assert listed[""]["order"] == ["ollama", "deepl", "libretranslate", "openai_compat", "google"]
    assert {name: b["configured"] for name, b in listed.items() if name} == {
        "ollama": True,
        "deepl": False,
        "libretranslate": False,
        "openai_compat": False,
        "google": False,
    }
    assert listed["libretranslate"] | {"config_fields": []} == {
        "name": "libretranslate",
        "display_name": "LibreTranslate (Self-Hosted)",
        "config_fields": [],
        "configured": False,
        "supports_glossary": False,
        "supports_batch": False,
        "max_batch_size": 1,
    }
    assert listed["deepl"]["config_fields"] == [
        {
            "key": "api_key",
            "label": "API Key",
            "type": "password",
            "required": True,
            "default": "",
            "help": "DeepL API key (Free keys end with :fx)",
        }
    ]


def test_a_stored_backend_entry_configures_that_backend(keyed: Client) -> None:
    namespaces.save_backend("backend", "deepl", namespaces.TRANSLATION_BACKENDS["deepl"], {"api_key": "k:fx"})
    store.set_entry("backend.google", "not a field of google")  # no "<name>.<key>": configures nothing
    listed = backends(keyed, "/api/v1/backends")
    assert listed["deepl"]["configured"] is True and listed["google"]["configured"] is False


def test_whisper_backends_subgen_active_by_default(keyed: Client) -> None:
    listed = backends(keyed, "/api/v1/whisper/backends")
    assert listed[""]["order"] == ["faster_whisper", "subgen"]
    assert listed["subgen"] | {"config_fields": []} == {
        "name": "subgen",
        "display_name": "Subgen (External API)",
        "config_fields": [],
        "configured": False,
        "active": True,
        "supports_gpu": False,
        "supports_language_detection": True,
    }
    assert listed["faster_whisper"]["active"] is False
    assert [f["key"] for f in listed["faster_whisper"]["config_fields"]][:2] == ["model_size", "device"]


def test_the_whisper_backend_entry_picks_the_active_one_and_entries_configure(keyed: Client) -> None:
    namespaces.save_whisper_config({"whisper_backend": "faster_whisper"})
    namespaces.save_backend("whisper", "subgen", namespaces.WHISPER_BACKENDS["subgen"], {"timeout": 60})
    listed = backends(keyed, "/api/v1/whisper/backends")
    assert (listed["faster_whisper"]["active"], listed["subgen"]["active"]) == (True, False)
    assert (listed["faster_whisper"]["configured"], listed["subgen"]["configured"]) == (False, True)


def test_an_unknown_whisper_backend_entry_leaves_subgen_active(keyed: Client) -> None:
    store.set_entry("whisper_backend", "nope")
    listed = backends(keyed, "/api/v1/whisper/backends")
    assert listed["subgen"]["active"] is True and listed["faster_whisper"]["active"] is False


@pytest.mark.parametrize(
    ("kinds", "stored"),
    [
        (catalog.TRANSLATION_BACKENDS, namespaces.TRANSLATION_BACKENDS),
        (catalog.WHISPER_BACKENDS, namespaces.WHISPER_BACKENDS),
    ],
)
def test_the_catalog_and_the_settings_store_declare_the_same_fields(kinds: Any, stored: Any) -> None:
    # The store validates what the Settings tab sends against the fields the list shows.
    assert {kind.name: [(f.key, f.type, f.default) for f in kind.config_fields] for kind in kinds} == {
        name: [(f.key, f.kind, f.default) for f in fields.values()] for name, fields in stored.items()
    }


def test_both_need_the_api_key() -> None:
    assert Client().get("/api/v1/backends").status_code == 401
    assert Client().get("/api/v1/whisper/backends").status_code == 401
