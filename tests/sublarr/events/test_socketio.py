"""/socket.io on a real uvicorn server with a real python-socketio client, embedded and with Redis.

The legacy frontend's client connects with the key (or a staff session), is refused without it,
and receives the legacy `job_update` when a job changes through the API: `POST /jobs/<id>/retry`
creates the job in the server, and its run is a task, run in the embedded set-up by the worker
inside the server process, with Redis by a separate `run_worker` process that publishes through
the Socket.IO Redis manager.
"""

from __future__ import annotations

import json
import queue as queues
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import socketio
from django.contrib.auth.models import User
from django.test import Client

from apps.core.models import Job
from apps.core.tasks import NO_TRANSLATION
from sublarr.api.keys import current_api_key
from tests.queues import QueueSetup

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def server(queue: QueueSetup) -> str:
    return f"http://{queue.start_server()}"


class Listener:
    """A python-socketio client that collects the events it is sent and why it was refused."""

    def __init__(self, *names: str) -> None:
        self.client = socketio.Client(reconnection=False)
        self.received: queues.Queue[tuple[str, Any]] = queues.Queue()
        self.refusal: queues.Queue[Any] = queues.Queue()
        for name in names:
            self.client.on(name, lambda data, name=name: self.received.put((name, data)))
        self.client.on("connect_error", self.refusal.put)

    def next(self, name: str, timeout: float = 30) -> Any:
        while True:
            got, data = self.received.get(timeout=timeout)
            if got == name:
                return data

    def leave_polling(self) -> None:
        """Disconnect a polling client without waiting for its pending long-poll request.

        python-engineio's polling client joins its read loop on disconnect, and the server answers
        the pending GET only at its next ping (25 s): a graceful disconnect takes about 30 s. The
        close packet is still sent; only that wait is skipped.
        """
        self.client.eio.disconnect(abort=True)


def updates_of(listener: Listener, job_id: str) -> list[dict[str, Any]]:
    """The job_update events of one job, up to the one that finishes it."""
    updates: list[dict[str, Any]] = []
    while not updates or updates[-1]["status"] not in ("completed", "failed"):
        update = listener.next("job_update")
        if update["id"] == job_id:
            updates.append(update)
    return updates


def test_a_retry_through_the_api_reaches_a_socketio_client_as_legacy_job_updates(
    queue: QueueSetup, server: str, tmp_path: Path
) -> None:
    media = tmp_path / "S01E01.mkv"
    media.write_bytes(b"")
    Job.objects.create(id="sio-1", file_path=str(media), status="failed", error="Ollama timeout")
    if queue.name == "redis":
        queue.start_worker()  # embedded: the server process runs the worker itself

    listener = Listener("job_update")
    listener.client.connect(
        server, auth={"apikey": current_api_key()}, transports=["websocket"], wait_timeout=10
    )
    try:
        retry = urllib.request.Request(
            f"{server}/api/v1/jobs/sio-1/retry", method="POST", headers={"X-Api-Key": current_api_key()}
        )
        with urllib.request.urlopen(retry, timeout=30) as response:
            assert response.status == 202
            answer = json.load(response)
        new_id = answer["job_id"]
        updates = updates_of(listener, new_id)
    finally:
        listener.client.disconnect()

    assert answer == {
        "status": "queued",
        "job_id": new_id,
        "original_job_id": "sio-1",
        "file_path": str(media),
    }
    # The request made the job, the worker (in the server, or a run_worker process) ran it.
    assert updates == [
        {"id": new_id, "status": "queued", "result": None},
        {"id": new_id, "status": "running", "result": None},
        {
            "id": new_id,
            "status": "failed",
            "result": {"success": False, "output_path": "", "stats": {}, "error": NO_TRANSLATION},
        },
    ]
    assert Job.objects.get(pk=new_id).error == NO_TRANSLATION  # what the client heard is the row
    assert Job.objects.get(pk="sio-1").error == "Ollama timeout"


def test_the_servers_log_records_reach_the_client_as_log_entry(queue: QueueSetup, server: str) -> None:
    listener = Listener("log_entry")
    listener.client.connect(
        server, auth={"apikey": current_api_key()}, transports=["websocket"], wait_timeout=10
    )
    try:
        # Django logs a 404 under /api/ as a warning: a record of the server process.
        try:
            urllib.request.urlopen(f"{server}/api/v1/no-such-page-{queue.name}")
        except urllib.error.HTTPError as refused:
            assert refused.code == 404
        while True:
            entry = listener.next("log_entry")
            if f"no-such-page-{queue.name}" in entry["message"]:
                break
    finally:
        listener.client.disconnect()
    assert "[WARNING] django.request: Not Found:" in entry["message"]


def test_the_key_also_works_over_polling_as_a_query_parameter(queue: QueueSetup, server: str) -> None:
    listener = Listener()
    listener.client.connect(f"{server}?apikey={current_api_key()}", transports=["polling"], wait_timeout=10)
    assert listener.client.connected
    listener.leave_polling()


@pytest.mark.parametrize(
    ("auth", "message"), [({"apikey": "wrong"}, "Invalid API key"), (None, "API key required")]
)
def test_without_the_key_the_connection_is_refused(
    queue: QueueSetup, server: str, auth: dict | None, message: str
) -> None:
    listener = Listener()
    with pytest.raises(socketio.exceptions.ConnectionError):
        listener.client.connect(server, auth=auth, transports=["websocket"], wait_timeout=10)
    assert listener.refusal.get(timeout=10) == {"message": message}
    assert not listener.client.connected


# The session rule does not depend on the set-up: the embedded one is enough.
@pytest.mark.parametrize("queue", ["embedded"], indirect=True)
def test_a_staff_session_from_our_own_page_may_connect(queue: QueueSetup, server: str) -> None:
    browser = Client()
    browser.force_login(User.objects.create_user("admin", is_staff=True))  # a session row the server reads
    cookie = f"sessionid={browser.cookies['sessionid'].value}"

    # Polling: the WebSocket client library sends an Origin header of its own.
    staff = Listener()
    staff.client.connect(
        server, headers={"Cookie": cookie, "Origin": server}, transports=["polling"], wait_timeout=10
    )
    assert staff.client.connected
    staff.leave_polling()

    # The same cookie sent by another site's page (cross-site WebSocket hijacking) is refused.
    other = Listener()
    with pytest.raises(socketio.exceptions.ConnectionError):
        other.client.connect(
            server,
            headers={"Cookie": cookie, "Origin": "http://evil.example"},
            transports=["polling"],
            wait_timeout=10,
        )
