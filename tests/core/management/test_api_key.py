"""`manage.py api_key` prints the key; `--rotate` replaces it and the old key stops working."""

from __future__ import annotations

import io
import stat
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from sublarr.api.keys import current_api_key, key_path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("api_key", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_it_prints_the_stored_key() -> None:
    assert run() == current_api_key()
    assert key_path().read_text().strip() == current_api_key()


def test_the_key_file_is_readable_by_its_owner_only() -> None:
    current_api_key()
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600


def test_rotate_replaces_the_key_and_the_old_one_gets_401(db: None) -> None:
    old = current_api_key()
    new = run("--rotate")
    assert new != old
    assert current_api_key() == new
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600
    api_client = APIClient()
    assert api_client.get("/api/v2/wanted", headers={"X-Api-Key": old}).status_code == 401
    assert api_client.get("/api/v2/wanted", headers={"X-Api-Key": new}).status_code == 200


def test_the_environment_variable_wins_and_cannot_be_rotated(settings: Any, db: None) -> None:
    settings.API_KEY = "key-from-the-environment"  # SUBLARR_API_KEY, read by settings.py
    assert run() == "key-from-the-environment"
    assert APIClient().get("/api/v2/wanted", {"apikey": "key-from-the-environment"}).status_code == 200
    with pytest.raises(CommandError, match="SUBLARR_API_KEY"):
        run("--rotate")


def test_a_missing_key_file_is_generated_on_first_use(tmp_path, settings) -> None:
    settings.DATA_DIR = tmp_path
    key = current_api_key()
    assert len(key) >= 40
    assert (tmp_path / "api_key").read_text().strip() == key
    assert current_api_key() == key
