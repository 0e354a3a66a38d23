"""The legacy Socket.IO events: which model change sends which event with which payload, and when.

The sending itself is replaced by a recorder here (unit tests); the real server and client are in
test_socketio_server.py.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from pytest_django import Settings

import sublarr.events as events
from apps.core.logfile import LOG_FORMAT
from apps.core.models import Job, WantedItem
from apps.translation.models import WhisperJob
from sublarr.events import socketio as sio

pytestmark = pytest.mark.django_db

Sent = list[tuple[str, Any]]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    recorded: Sent = []
    monkeypatch.setattr(sio, "emit", lambda name, data, wait=True: recorded.append((name, data)))
    monkeypatch.setattr(events, "send_now", lambda payload: None)
    return recorded


def test_a_job_change_is_sent_as_job_update_only_after_commit(
    sent: Sent, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        Job.objects.create(id="j1", file_path="/m/a.mkv")
        assert sent == []  # still inside the transaction
    assert sent == [("job_update", {"id": "j1", "status": "queued", "result": None})]


def test_a_finished_job_carries_its_result(
    sent: Sent, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    job = Job.objects.create(id="j2", file_path="/m/a.mkv")
    with django_capture_on_commit_callbacks(execute=True):
        job.status, job.output_path, job.stats_json = (
            "completed",
            "/m/a.de.ass",
            json.dumps({"format": "ass"}),
        )
        job.save()
        job.status, job.error = "failed", "backend down"
        job.save()
    assert sent == [
        (
            "job_update",
            {
                "id": "j2",
                "status": "completed",
                "result": {
                    "success": True,
                    "output_path": "/m/a.de.ass",
                    "stats": {"format": "ass"},
                    "error": None,
                },
            },
        ),
        (
            "job_update",
            {
                "id": "j2",
                "status": "failed",
                "result": {
                    "success": False,
                    "output_path": "/m/a.de.ass",
                    "stats": {"format": "ass"},
                    "error": "backend down",
                },
            },
        ),
    ]


def test_whisper_jobs_send_the_legacy_whisper_events(
    sent: Sent, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = WhisperJob.objects.create(id="w1", file_path="/m/a.mkv")  # queued: legacy said nothing
        job.status, job.phase, job.progress = "running", "transcribing", 0.41234
        job.save()
        job.status, job.segment_count, job.detected_language = "completed", 12, "ja"
        job.duration_seconds, job.processing_time_ms = 60.0, 1500.0
        job.save()
        job.status, job.error = "failed", "x" * 600
        job.save()
    assert [name for name, _ in sent] == ["whisper_progress", "whisper_complete", "whisper_failed"]
    assert sent[0][1] == {"job_id": "w1", "phase": "transcribing", "progress": 0.412, "message": ""}
    assert sent[1][1] == {
        "job_id": "w1",
        "segment_count": 12,
        "detected_language": "ja",
        "duration_seconds": 60.0,
        "processing_time_ms": 1500.0,
    }
    assert sent[2][1] == {"job_id": "w1", "error": "x" * 500}


def test_a_wanted_item_change_has_no_legacy_event(
    sent: Sent, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        WantedItem.objects.create(item_type="episode", file_path="/m/a.mkv")
    assert sent == []


def test_publish_legacy_sends_after_commit(
    sent: Sent, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        events.publish_legacy("wanted_batch_progress", {"processed": 1, "total": 2})
        assert sent == []
    assert sent == [("wanted_batch_progress", {"processed": 1, "total": 2})]


def test_without_redis_or_a_server_in_this_process_emitting_does_nothing(settings: Settings) -> None:
    settings.REDIS_URL = ""
    events.set_server_loop(None)
    sio.emit("job_update", {"id": "x"})  # no error, nowhere to send


def test_log_records_become_log_entry_events_without_recursion(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded: Sent = []

    def emit(name: str, data: Any, wait: bool = True) -> None:
        recorded.append((name, data))
        logging.getLogger("socketio.inner").warning("logged while sending")  # must not loop

    monkeypatch.setattr(sio, "emit", emit)
    handler = sio.install_log_events(LOG_FORMAT)
    try:
        assert sio.install_log_events(LOG_FORMAT) is handler  # installed once
        logging.getLogger("sublarr.test").warning("live %s", "line")
        deadline = time.monotonic() + 5
        while not recorded and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # time enough for a looping sender to send again
    finally:
        logging.getLogger().removeHandler(handler)
    assert len(recorded) == 1
    name, data = recorded[0]
    assert name == "log_entry" and data["message"].endswith("[WARNING] sublarr.test: live line")


@pytest.fixture
def redis_channel(settings: Settings) -> Iterator[tuple[redis.client.PubSub, str]]:
    url = "redis://127.0.0.1:6379/9"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis")
    settings.REDIS_URL, settings.REDIS_PREFIX = url, f"sublarr-test-{uuid.uuid4().hex[:8]}"
    sio._publisher = None
    pubsub = redis.Redis.from_url(url).pubsub()
    pubsub.subscribe(sio.channel())
    pubsub.get_message(timeout=2)  # the subscription confirmation
    yield pubsub, sio.channel()
    pubsub.close()
    sio._publisher = None


def test_with_redis_any_process_publishes_on_the_prefixed_channel(
    redis_channel: tuple[redis.client.PubSub, str],
) -> None:
    pubsub, channel = redis_channel
    assert channel.endswith("-socketio")
    sio.emit("job_update", {"id": "r1", "status": "running", "result": None})
    deadline = time.monotonic() + 5
    message = None
    while message is None and time.monotonic() < deadline:
        message = pubsub.get_message(timeout=1)
    assert message is not None
    packet = json.loads(message["data"])
    assert packet["method"] == "emit" and packet["event"] == "job_update"
    assert packet["data"] == [{"id": "r1", "status": "running", "result": None}]  # the event's arguments
