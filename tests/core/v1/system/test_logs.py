"""GET /api/v1/logs, /logs/download, /logs/rotation over the rotating log file in the data folder."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from pytest_django import Settings

from apps.core import logfile
from apps.core.models import ConfigEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "sublarr.log"
    settings.LOG_FILE = path
    return path


def write(path: Path, count: int) -> None:
    levels = ["INFO", "WARNING", "ERROR", "DEBUG"]
    path.write_text(
        "".join(
            f"2026-01-01 00:00:{i:02d},000 [{levels[i % 4]}] sublarr.test: line {i}\n" for i in range(count)
        )
    )


def test_the_server_logs_into_the_file_in_the_data_folder(settings: Settings) -> None:
    handlers = logfile.file_handlers()
    assert len(handlers) == 1
    assert Path(handlers[0].baseFilename) == Path(settings.DATA_DIR) / "sublarr.log"
    logging.getLogger("sublarr.test").warning("reaches the file %s", "yes")
    assert "[WARNING] sublarr.test: reaches the file yes" in Path(handlers[0].baseFilename).read_text()


def test_logs_answer_the_last_200_lines_by_default(keyed: Client, log: Path) -> None:
    write(log, 250)
    body = keyed.get("/api/v1/logs").json()
    assert body["total"] == 200 == len(body["entries"])
    assert body["entries"][0].endswith("line 50") and body["entries"][-1].endswith("line 249")


def test_lines_and_level_filter_like_legacy(keyed: Client, log: Path) -> None:
    write(log, 20)
    body = keyed.get("/api/v1/logs", {"lines": "8", "level": "error"}).json()
    assert body == {
        "entries": [f"2026-01-01 00:00:{i:02d},000 [ERROR] sublarr.test: line {i}" for i in (14, 18)],
        "total": 2,
    }
    # Flask's type=int: a value that does not parse gives the default.
    assert keyed.get("/api/v1/logs", {"lines": "x"}).json()["total"] == 20


def test_no_log_file_yet_is_an_empty_list(keyed: Client, log: Path) -> None:
    assert keyed.get("/api/v1/logs").json() == {"entries": [], "total": 0}


def test_download_sends_the_file_as_an_attachment(keyed: Client, log: Path) -> None:
    write(log, 3)
    response = keyed.get("/api/v1/logs/download")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert 'filename="sublarr.log"' in response["Content-Disposition"]
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content) == log.read_bytes()


def test_download_without_a_file_is_a_404(keyed: Client, log: Path) -> None:
    response = keyed.get("/api/v1/logs/download")
    assert response.status_code == 404
    assert response.json() == {"error": "Log file not found"}


def test_rotation_defaults_are_the_legacy_ones(keyed: Client) -> None:
    assert keyed.get("/api/v1/logs/rotation").json() == {"max_size_mb": 10, "backup_count": 5}


def test_rotation_update_is_stored_under_the_legacy_keys(keyed: Client) -> None:
    response = keyed.put(
        "/api/v1/logs/rotation", {"max_size_mb": 3, "backup_count": 2}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "status": "updated",
        "max_size_mb": 3,
        "backup_count": 2,
        "note": "Changes take effect on next application restart",
    }
    stored = dict(ConfigEntry.objects.values_list("key", "value"))
    assert stored["log_max_size_mb"] == "3" and stored["log_backup_count"] == "2"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"max_size_mb": 0}, "max_size_mb must be between 1 and 100"),
        ({"max_size_mb": "5"}, "max_size_mb must be between 1 and 100"),
        ({"backup_count": 21}, "backup_count must be between 1 and 20"),
        (
            {"max_size_mb": 101, "backup_count": True},
            "max_size_mb must be between 1 and 100; backup_count must be between 1 and 20",
        ),
    ],
)
def test_bad_rotation_values_are_a_400_and_change_nothing(keyed: Client, body: dict, error: str) -> None:
    response = keyed.put("/api/v1/logs/rotation", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert not ConfigEntry.objects.filter(key__startswith="log_").exists()


def test_the_file_rotates_at_the_stored_size_keeping_the_stored_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ConfigEntry.objects.create(key="log_max_size_mb", value="1")
    ConfigEntry.objects.create(key="log_backup_count", value="2")
    handler = logfile.SharedRotatingFileHandler(tmp_path / "s.log")
    # Only this handler: the server's own log file keeps its rotation.
    monkeypatch.setattr(logfile, "file_handlers", lambda: [handler])
    logger = logging.getLogger("sublarr.rotation")
    logger.addHandler(handler)
    monkeypatch.setattr(logger, "propagate", False)
    try:
        assert logfile.apply_rotation_settings() == (1, 2)
        assert handler.maxBytes == 1024 * 1024 and handler.backupCount == 2
        for _ in range(4 * 1024):
            logger.warning("x" * 1000)  # about 4 MB: rotates three times, two old files stay
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["s.log", "s.log.1", "s.log.2"]
    assert all(p.stat().st_size <= 1024 * 1024 for p in tmp_path.iterdir())


def test_the_server_applies_the_stored_rotation_to_its_log_file(monkeypatch: pytest.MonkeyPatch) -> None:
    (handler,) = logfile.file_handlers()
    monkeypatch.setattr(handler, "maxBytes", handler.maxBytes)
    monkeypatch.setattr(handler, "backupCount", handler.backupCount)
    ConfigEntry.objects.create(key="log_backup_count", value="7")
    assert logfile.apply_rotation_settings() == (10, 7)
    assert (handler.maxBytes, handler.backupCount) == (10 * 1024 * 1024, 7)


def test_a_process_follows_the_file_another_process_rotated(tmp_path: Path) -> None:
    path = tmp_path / "s.log"
    handler = logfile.SharedRotatingFileHandler(path)
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "first", None, None)
    handler.emit(record)
    path.rename(tmp_path / "s.log.1")  # what another process's rollover does
    handler.emit(logging.LogRecord("x", logging.INFO, __file__, 1, "second", None, None))
    handler.close()
    assert path.read_text().strip() == "second"
