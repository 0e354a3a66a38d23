"""Settings come from SUBLARR_* variables; a bad value stops start-up with one clear line."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT


def python(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """A new Python process in the checkout, with `env` as its only SUBLARR_* variables."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("SUBLARR_")}
    return subprocess.run(
        [sys.executable, *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return python(str(ROOT / "manage.py"), *args, **env)


def settings_value(expression: str, **env: str) -> str:
    # The settings module computes every value when a process imports it: no need to start Django.
    result = python("-c", f"import sublarr.settings as settings; print({expression})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SUBLARR_DATABASE_URL", "mysql://u@h/db", "SUBLARR_DATABASE_URL: unsupported scheme 'mysql'"),
        ("SUBLARR_DEBUG", "maybe", "SUBLARR_DEBUG='maybe' is not a boolean"),
        ("SUBLARR_DATA_DIR", "/proc/sublarr-cannot-be-here", "SUBLARR_DATA_DIR: cannot create"),
    ],
)
def test_a_bad_value_stops_start_up_with_one_line(
    variable: str, value: str, message: str, tmp_path: Path
) -> None:
    env = {"SUBLARR_DATA_DIR": str(tmp_path), variable: value}

    result = manage("check", **env)

    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("sublarr: configuration error: ") and message in line


def test_an_unwritable_data_folder_stops_start_up(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = manage("check", SUBLARR_DATA_DIR=str(folder))
    finally:
        folder.chmod(0o755)

    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"sublarr: configuration error: SUBLARR_DATA_DIR: the data folder {folder} is not writable"
    )


def test_the_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = settings_value("settings.SECRET_KEY", SUBLARR_DATA_DIR=str(tmp_path))
    second = settings_value("settings.SECRET_KEY", SUBLARR_DATA_DIR=str(tmp_path))

    assert first == second and len(first) >= 50
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_an_explicit_secret_key_wins_and_nothing_is_written(tmp_path: Path) -> None:
    value = settings_value(
        "settings.SECRET_KEY",
        SUBLARR_DATA_DIR=str(tmp_path),
        SUBLARR_SECRET_KEY="from-the-environment-" + "x" * 40,
    )
    assert value.startswith("from-the-environment-")
    assert not (tmp_path / "secret_key").exists()


def test_the_default_database_is_a_sqlite_file_in_the_data_folder(tmp_path: Path) -> None:
    name = settings_value("settings.DATABASES['default']['NAME']", SUBLARR_DATA_DIR=str(tmp_path))
    assert name == str(tmp_path / "sublarr.db")


def test_db_path_and_database_url_choose_the_database(tmp_path: Path) -> None:
    path = settings_value(
        "settings.DATABASES['default']['NAME']",
        SUBLARR_DATA_DIR=str(tmp_path),
        SUBLARR_DB_PATH=str(tmp_path / "other.db"),
    )
    assert path == str(tmp_path / "other.db")
    engine = settings_value(
        "settings.DATABASES['default']['ENGINE']",
        SUBLARR_DATA_DIR=str(tmp_path),
        SUBLARR_DATABASE_URL="postgres://u:p@db.example:5432/sublarr",
    )
    assert engine == "django.db.backends.postgresql"


def test_check_deploy_reports_only_https_warnings(tmp_path: Path) -> None:
    result = manage("check", "--deploy", SUBLARR_DATA_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    reported = set(re.findall(r"^\?: \(([\w.]+)\)", result.stderr, re.MULTILINE))
    https_only = {"security.W004", "security.W008", "security.W012", "security.W016"}
    assert reported <= https_only, result.stderr
