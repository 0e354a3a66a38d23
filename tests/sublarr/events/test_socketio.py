"""/socket.io on a real uvicorn server with a real python-socketio client, embedded and with Redis.

The legacy frontend's client connects with the key (or a staff session), is refused without it,
and receives the legacy `job_update` when a job changes: in the embedded set-up the change is
made by the worker inside the server process, with Redis by a separate `run_worker` process
that publishes through the Socket.IO Redis manager.
"""

from __future__ import annotations

import queue as queues
import urllib.error
import urllib.request
from typing import Any

import pytest
import socketio
from django.contrib.auth.models import User
from django.test import Client

from apps.core.models import Job
from sublarr.api.keys import current_api_key
from tests.probes import mark_job
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


def test_a_job_change_reaches_a_socketio_client_as_the_legacy_job_update(
    queue: QueueSetup, server: str
) -> None:
    Job.objects.create(id="sio-1", file_path="/m/a.mkv", stats_json='{"format": "ass"}')
    if queue.name == "redis":
        queue.start_worker()  # embedded: the server process runs the worker itself

    listener = Listener("job_update")
    listener.client.connect(
        server, auth={"apikey": current_api_key()}, transports=["websocket"], wait_timeout=10
    )
    try:
        mark_job.enqueue("sio-1", "completed")
        update = listener.next("job_update")
    finally:
        listener.client.disconnect()

    assert update == {
        "id": "sio-1",
        "status": "completed",
        "result": {"success": True, "output_path": "", "stats": update["result"]["stats"], "error": None},
    }
    assert "changed_at" in update["result"]["stats"]  # what the worker wrote, read back


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
    listener.client.disconnect()


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
    staff.client.disconnect()

    # The same cookie sent by another site's page (cross-site WebSocket hijacking) is refused.
    other = Listener()
    with pytest.raises(socketio.exceptions.ConnectionError):
        other.client.connect(
            server,
            headers={"Cookie": cookie, "Origin": "http://evil.example"},
            transports=["polling"],
            wait_timeout=10,
        )
