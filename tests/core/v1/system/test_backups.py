"""/api/v1/backup/full*: the legacy ZIP (manifest, config, database archive), list, download, restore."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.test import Client
from pytest_django import Settings

from apps.core.models import ConfigEntry


@pytest.fixture
def folder(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "backups"
    settings.SUBLARR_BACKUP_DIR = path
    return path


def upload(data: bytes, name: str = "backup.zip") -> dict[str, SimpleUploadedFile]:
    return {"file": SimpleUploadedFile(name, data, content_type="application/zip")}


def make_zip(members: Mapping[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def snapshot() -> dict[str, str]:
    return dict(ConfigEntry.objects.values_list("key", "value"))


@pytest.mark.django_db(transaction=True)
def test_a_full_backup_is_a_legacy_zip_with_a_checked_database_archive(keyed: Client, folder: Path) -> None:
    ConfigEntry.objects.create(key="target_language", value="de")
    ConfigEntry.objects.create(key="sonarr_api_key", value="secret-value")
    response = keyed.post("/api/v1/backup/full")
    assert response.status_code == 201
    made = response.json()
    assert set(made) == {"filename", "size_bytes", "created_at", "contents"}
    assert re.fullmatch(r"sublarr_full_\d{8}_\d{6}\.zip", made["filename"])
    assert made["contents"] == ["manifest.json", "config.json", "database.tar.gz"]
    path = folder / made["filename"]
    assert path.stat().st_size == made["size_bytes"]
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == made["contents"]
        manifest = json.loads(zf.read("manifest.json"))
        config = json.loads(zf.read("config.json"))
    assert manifest["schema_version"] == 1 and manifest["created_at"] == made["created_at"]
    assert config == {"target_language": "de"}  # secrets never leave in a backup

    listed = keyed.get("/api/v1/backup/full/list").json()["backups"]
    assert listed == [
        {
            "filename": made["filename"],
            "size_bytes": made["size_bytes"],
            "created_at": listed[0]["created_at"],
        }
    ]
    assert made["created_at"].startswith(listed[0]["created_at"][:19])


@pytest.mark.django_db
def test_the_list_is_empty_without_a_backup_folder(keyed: Client, folder: Path) -> None:
    assert keyed.get("/api/v1/backup/full/list").json() == {"backups": []}


@pytest.mark.django_db
def test_download_serves_a_zip_of_the_backup_folder(keyed: Client, folder: Path) -> None:
    folder.mkdir()
    (folder / "sublarr_full_20260101_000000.zip").write_bytes(b"PK-zip-bytes")
    response = keyed.get("/api/v1/backup/full/download/sublarr_full_20260101_000000.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content) == b"PK-zip-bytes"
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "../secret.zip",
        "..%2Fsecret.zip",
        "..%2F..%2Fetc%2Fpasswd.zip",
        "a/b.zip",
        "a%5Cb.zip",
        "x.txt",
        "..zip",
    ],
)
def test_download_refuses_any_name_that_could_leave_the_folder(
    keyed: Client, folder: Path, tmp_path: Path, name: str
) -> None:
    folder.mkdir()
    (tmp_path / "secret.zip").write_bytes(b"outside")
    (folder / "a").mkdir()
    (folder / "a" / "b.zip").write_bytes(b"nested")
    response = keyed.get(f"/api/v1/backup/full/download/{name}")
    assert response.status_code == 400
    assert response.json() == {"error": "Invalid filename"}


@pytest.mark.django_db
def test_download_refuses_a_symlink_leading_out_of_the_folder(
    keyed: Client, folder: Path, tmp_path: Path
) -> None:
    folder.mkdir()
    (tmp_path / "secret.zip").write_bytes(b"outside")
    (folder / "link.zip").symlink_to(tmp_path / "secret.zip")
    response = keyed.get("/api/v1/backup/full/download/link.zip")
    assert response.status_code == 400 and response.json() == {"error": "Invalid filename"}


@pytest.mark.django_db
def test_download_of_a_missing_file_is_a_404(keyed: Client, folder: Path) -> None:
    response = keyed.get("/api/v1/backup/full/download/sublarr_full_20200101_000000.zip")
    assert response.status_code == 404
    assert response.json() == {"error": "Backup file not found"}


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_database_and_config_after_a_safety_backup(keyed: Client, folder: Path) -> None:
    ConfigEntry.objects.create(key="target_language", value="de")
    ConfigEntry.objects.create(key="sonarr_api_key", value="kept-secret")
    filename = keyed.post("/api/v1/backup/full").json()["filename"]
    data = (folder / filename).read_bytes()
    ConfigEntry.objects.filter(key="target_language").update(value="fr")
    ConfigEntry.objects.create(key="later", value="1")

    response = keyed.post("/api/v1/backup/full/restore", upload(data))
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "status": "restored",
        "config_imported": ["target_language"],
        "db_restored": True,
    }
    assert snapshot() == {"target_language": "de", "sonarr_api_key": "kept-secret"}
    assert len(list(folder.glob("sublarr-before-restore-*.tar.gz"))) == 1


@pytest.mark.django_db
def test_a_config_only_zip_imports_the_config_but_no_secrets(keyed: Client, folder: Path) -> None:
    data = make_zip(
        {
            "manifest.json": json.dumps({"schema_version": 1}),
            "config.json": json.dumps(
                {"log_level": "DEBUG", "tmdb_api_key": "x", "sonarr_url": "***configured***"}
            ),
        }
    )
    response = keyed.post("/api/v1/backup/full/restore", upload(data))
    assert response.json() == {"status": "restored", "config_imported": ["log_level"], "db_restored": False}
    assert snapshot() == {"log_level": "DEBUG"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"not a zip at all", "Uploaded file is not a valid ZIP archive"),
        (make_zip({"config.json": "{}"}), "ZIP missing manifest.json"),
        (make_zip({"manifest.json": '{"schema_version": 2}'}), "Unsupported schema_version: 2"),
        (make_zip({"manifest.json": "[1]"}), "Unsupported schema_version: None"),
        (make_zip({"manifest.json": "{broken"}), "Invalid backup file: "),
        (make_zip({"manifest.json": '{"schema_version": 1}', "config.json": "[]"}), "Invalid backup file: "),
        (
            make_zip({"manifest.json": '{"schema_version": 1}', "sublarr.db": b"SQLite format 3\x00"}),
            "Invalid backup file: it holds a legacy sublarr.db",
        ),
        (
            make_zip({"manifest.json": '{"schema_version": 1}', "database.tar.gz": b"\x1f\x8b broken gzip"}),
            "not a readable Sublarr backup archive",
        ),
    ],
)
def test_a_bad_or_corrupt_zip_is_a_400_and_changes_nothing(
    keyed: Client, folder: Path, data: bytes, error: str
) -> None:
    ConfigEntry.objects.create(key="kept", value="1")
    response = keyed.post("/api/v1/backup/full/restore", upload(data))
    assert response.status_code == 400
    assert set(response.json()) == {"error"} and error in response.json()["error"]
    assert snapshot() == {"kept": "1"}
    assert not folder.exists() or not list(folder.iterdir())


@pytest.mark.django_db(transaction=True)
def test_a_zip_whose_database_archive_was_damaged_is_refused(keyed: Client, folder: Path) -> None:
    filename = keyed.post("/api/v1/backup/full").json()["filename"]
    with zipfile.ZipFile(folder / filename) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    damaged = bytearray(members["database.tar.gz"])
    damaged[len(damaged) // 2] ^= 0xFF
    members["database.tar.gz"] = bytes(damaged)
    members["config.json"] = json.dumps({"would_be": "imported"}).encode()
    ConfigEntry.objects.create(key="kept", value="1")

    response = keyed.post("/api/v1/backup/full/restore", upload(make_zip(members)))
    assert response.status_code == 400
    assert snapshot() == {"kept": "1"}  # neither the database nor the config changed


@pytest.mark.django_db
def test_restore_without_a_file_is_the_legacy_400(keyed: Client) -> None:
    response = keyed.post("/api/v1/backup/full/restore", {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": "No file uploaded. Use multipart/form-data with key 'file'"}
