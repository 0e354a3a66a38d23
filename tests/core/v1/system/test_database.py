"""/api/v1/database/*: health, backups (backup_database's archives), restore with its safety, vacuum."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from pytest_django import Settings

from apps.core.models import ConfigEntry

TS = r"\d{8}_\d{6}"


@pytest.fixture
def folder(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "backups"
    settings.SUBLARR_BACKUP_DIR = path
    settings.SUBLARR_BACKUP_KEEP = 3
    return path


@pytest.mark.django_db
def test_database_health_reports_integrity_and_the_legacy_stats(keyed: Client) -> None:
    ConfigEntry.objects.create(key="a", value="1")
    response = keyed.get("/api/v1/database/health")
    assert response.status_code == 200
    body = response.json()
    assert body["healthy"] is True and body["message"] == "ok"
    stats = body["stats"]
    for key in ("size_bytes", "wal_size_bytes", "journal_mode", "page_size", "page_count", "freelist_count"):
        assert key in stats
    assert stats["size_bytes"] > 0 and isinstance(stats["wal_mode"], bool)
    assert stats["tables"]["config_entries"] == 1
    assert stats["tables"]["jobs"] == 0
    if connection.vendor == "sqlite":
        assert stats["journal_mode"] == "wal" and stats["wal_mode"] is True


@pytest.mark.django_db
def test_database_endpoints_need_the_key() -> None:
    for method, path in [("get", "health"), ("post", "backup"), ("get", "backups"), ("post", "restore")]:
        assert getattr(Client(), method)(f"/api/v1/database/{path}").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_backup_writes_an_archive_and_lists_it(keyed: Client, folder: Path) -> None:
    response = keyed.post("/api/v1/database/backup", {"label": "weekly"}, content_type="application/json")
    assert response.status_code == 201
    made = response.json()
    assert set(made) == {"path", "filename", "size_bytes", "verified", "timestamp", "label"}
    assert made["label"] == "weekly" and made["verified"] is True
    assert Path(made["path"]).parent == folder and Path(made["path"]).stat().st_size == made["size_bytes"]
    assert made["filename"].startswith("sublarr-backup-")
    import re

    assert re.fullmatch(TS, made["timestamp"])

    # Any other label falls back to "daily", as legacy did; the retention keeps three.
    for _ in range(3):
        assert (
            keyed.post("/api/v1/database/backup", {"label": "x"}, content_type="application/json").json()[
                "label"
            ]
            == "daily"
        )
    listed = keyed.get("/api/v1/database/backups").json()["backups"]
    assert len(listed) == 3 == len(list(folder.glob("sublarr-backup-*.tar.gz")))
    assert all(set(entry) == {"filename", "path", "label", "timestamp", "size_bytes"} for entry in listed)
    assert [e["timestamp"] for e in listed] == sorted((e["timestamp"] for e in listed), reverse=True)
    assert made["filename"] not in {e["filename"] for e in listed}  # the oldest was pruned


@pytest.mark.django_db
def test_no_backups_yet_is_an_empty_list(keyed: Client, folder: Path) -> None:
    assert keyed.get("/api/v1/database/backups").json() == {"backups": []}


@pytest.mark.django_db(transaction=True)
def test_restore_brings_the_data_back_after_a_safety_backup(keyed: Client, folder: Path) -> None:
    ConfigEntry.objects.create(key="kept", value="before")
    filename = keyed.post("/api/v1/database/backup").json()["filename"]
    ConfigEntry.objects.filter(key="kept").update(value="changed")
    ConfigEntry.objects.create(key="added", value="later")

    response = keyed.post(
        "/api/v1/database/restore", {"filename": filename, "confirm": True}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["restored_from"] == str(folder.resolve() / filename)
    assert Path(body["safety_backup"]).name.startswith("sublarr-before-restore-")
    assert dict(ConfigEntry.objects.values_list("key", "value")) == {"kept": "before"}
    labels = {e["label"] for e in keyed.get("/api/v1/database/backups").json()["backups"]}
    assert labels == {"backup", "before-restore"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({}, 400, "filename is required"),
        ({"filename": "x.tar.gz"}, 400, "Add confirm: true to proceed"),
        ({"filename": "../sublarr.db", "confirm": True}, 400, "Invalid filename"),
        ({"filename": "../../etc/passwd.tar.gz", "confirm": True}, 400, "Invalid filename"),
        ({"filename": "sub/dir.tar.gz", "confirm": True}, 400, "Invalid filename"),
        ({"filename": "absent.tar.gz", "confirm": True}, 404, "Backup file not found"),
        ({"filename": ["a"], "confirm": True}, 400, "Invalid filename"),
    ],
)
def test_bad_restore_requests_change_nothing(
    keyed: Client, folder: Path, body: dict, status: int, error: str
) -> None:
    ConfigEntry.objects.create(key="kept", value="1")
    response = keyed.post("/api/v1/database/restore", body, content_type="application/json")
    assert response.status_code == status
    assert response.json() == {"error": error}
    assert dict(ConfigEntry.objects.values_list("key", "value")) == {"kept": "1"}
    assert not folder.exists() or not list(folder.iterdir())


@pytest.mark.django_db(transaction=True)
def test_a_corrupt_archive_is_refused_with_nothing_changed(keyed: Client, folder: Path) -> None:
    filename = keyed.post("/api/v1/database/backup").json()["filename"]
    archive = folder / filename
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    ConfigEntry.objects.create(key="kept", value="1")

    response = keyed.post(
        "/api/v1/database/restore", {"filename": filename, "confirm": True}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"error"} and filename in response.json()["error"]
    assert dict(ConfigEntry.objects.values_list("key", "value")) == {"kept": "1"}
    assert [p.name for p in folder.iterdir()] == [filename]  # no safety backup was needed


@pytest.mark.django_db(transaction=True)
def test_a_symlink_in_the_backup_folder_cannot_lead_out_of_it(
    keyed: Client, folder: Path, tmp_path: Path
) -> None:
    folder.mkdir()
    outside = tmp_path / "outside.tar.gz"
    shutil.copy(keyed.post("/api/v1/database/backup").json()["path"], outside)
    (folder / "link.tar.gz").symlink_to(outside)
    response = keyed.post(
        "/api/v1/database/restore",
        {"filename": "link.tar.gz", "confirm": True},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json() == {"error": "Invalid filename"}


@pytest.mark.django_db(transaction=True)
def test_vacuum_reports_the_sizes_before_and_after(keyed: Client) -> None:
    ConfigEntry.objects.bulk_create(ConfigEntry(key=f"k{i}", value="x" * 2000) for i in range(300))
    ConfigEntry.objects.all().delete()
    response = keyed.post("/api/v1/database/vacuum")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"before_bytes", "after_bytes", "saved_bytes"}
    assert body["saved_bytes"] == body["before_bytes"] - body["after_bytes"]
    if connection.vendor == "sqlite":
        assert body["saved_bytes"] > 0  # the deleted rows' pages went back to the file system


@pytest.mark.django_db
def test_vacuum_inside_a_transaction_is_refused_not_a_server_error(keyed: Client) -> None:
    # pytest-django wraps this test in a transaction, as ATOMIC_REQUESTS would wrap a request.
    response = keyed.post("/api/v1/database/vacuum")
    assert response.status_code == 409
    assert response.json() == {"error": "VACUUM cannot run inside a transaction"}


@pytest.mark.django_db(transaction=True)
def test_an_archive_from_a_newer_schema_is_refused_with_nothing_changed(keyed: Client, folder: Path) -> None:
    import io
    import json
    import tarfile

    filename = keyed.post("/api/v1/database/backup").json()["filename"]
    archive = folder / filename
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]  # files only
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"].setdefault("core", []).append("9999_from_the_future")
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    ConfigEntry.objects.create(key="kept", value="1")

    response = keyed.post(
        "/api/v1/database/restore", {"filename": filename, "confirm": True}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "newer Sublarr" in response.json()["error"]
    assert dict(ConfigEntry.objects.values_list("key", "value")) == {"kept": "1"}
    assert [p.name for p in folder.iterdir()] == [filename]
