"""Who reaches the admin: staff only; `manage.py createsuperuser` makes the first one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from apps.core.models import WantedItem
from tests.adopted import NEW
from tests.core.admin.test_forms import admin_url
from tests.paths import ROOT

BASE_DIR = ROOT


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client) -> None:
    response = client.get(admin_url(WantedItem, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_user_without_staff_status_is_sent_to_the_login_page(client: Client) -> None:
    user = get_user_model().objects.create_user("viewer", password="a-long-password-1")
    client.force_login(user)

    response = client.get(admin_url(WantedItem, "changelist"))

    assert response.status_code == 302


@pytest.mark.django_db
def test_createsuperuser_makes_a_user_who_can_sign_in_to_the_admin(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "correct-horse-battery")

    call_command("createsuperuser", "--noinput", username="maintainer", email="m@example.org", verbosity=0)

    assert client.login(username="maintainer", password="correct-horse-battery")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Sublarr administration" in response.content.decode()
    assert "Wanted items" in response.content.decode()


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_manage_py_createsuperuser_works_on_a_fresh_data_folder(tmp_path: Path, migrated_once) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SUBLARR_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(SUBLARR_DATA_DIR=str(tmp_path), DJANGO_SUPERUSER_PASSWORD="correct-horse-battery")

    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )

    # The database `migrate` creates from nothing (once per session, tests/adopted.py).
    shutil.copyfile(migrated_once(NEW).db, tmp_path / "sublarr.db")
    created = manage("createsuperuser", "--noinput", "--username", "admin", "--email", "a@example.org")

    assert created.returncode == 0, created.stderr
    assert "Superuser created successfully." in created.stdout
