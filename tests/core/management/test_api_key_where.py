"""`manage.py api_key --where` names the key's file (creating the key) and never prints the key."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command

from sublarr.api.keys import key_path


def where() -> str:
    out = io.StringIO()
    call_command("api_key", "--where", stdout=out)
    return out.getvalue().strip()


def test_it_names_the_file_and_creates_the_key_there() -> None:
    key_path().unlink(missing_ok=True)
    assert where() == str(key_path())
    key = key_path().read_text().strip()
    assert len(key) >= 32
    assert key not in where()


def test_a_key_from_the_environment_is_named_by_its_variable(settings: Any) -> None:
    settings.API_KEY = "set-by-the-administrator-0123456789"  # SUBLARR_API_KEY, read by settings.py
    answer = where()
    assert answer == "from the environment variable SUBLARR_API_KEY"
