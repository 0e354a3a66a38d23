"""/ws/events on a real uvicorn server with a real client: a worker's change reaches the client.

Embedded: the worker runs inside the server process (in-memory layer). Redis: a separate
`run_worker` process publishes through channels-redis.
"""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from apps.core.models import Job
from sublarr.api.keys import current_api_key
from tests.probes import mark_job
from tests.queues import QueueSetup

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def server(queue: QueueSetup) -> str:
    return f"ws://{queue.start_server()}/ws/events"


def next_event(ws: ClientConnection, kind: str) -> dict:
    while True:
        message = json.loads(ws.recv(timeout=30))
        if message["type"] == kind:
            return message


def test_a_change_made_by_a_worker_reaches_a_websocket_client(queue: QueueSetup, server: str) -> None:
    Job.objects.create(id="live-1", file_path="/m/a.mkv")
    if queue.name == "redis":
        queue.start_worker()  # embedded: the server process runs the worker itself

    with connect(f"{server}?apikey={current_api_key()}") as ws:
        assert json.loads(ws.recv(timeout=10))["status"] == "authenticated"
        mark_job.enqueue("live-1", "completed")
        event = next_event(ws, "jobs.updated")

    assert event == {"type": "jobs.updated", "id": "live-1", "status": "completed", "progress": None}
    stats_json = Job.objects.get(pk="live-1").stats_json
    assert stats_json is not None and "changed_at" in stats_json


def test_no_key_no_connection_on_a_real_server(queue: QueueSetup, server: str) -> None:
    with pytest.raises(InvalidStatus) as refused:
        connect(f"{server}?apikey=wrong", open_timeout=10)
    assert refused.value.response.status_code == 403

    with connect(server) as ws:
        ws.send(json.dumps({"type": "auth", "apikey": "wrong"}))
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
