"""/ws/events with channels' WebsocketCommunicator: who may connect, and what they receive."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.contrib.auth import get_user_model
from pytest_django import Settings

from apps.core.models import Job, WantedItem
from apps.translation.models import WhisperJob
from sublarr.api.keys import current_api_key
from sublarr.asgi import application
from sublarr.events import event, send_now
from sublarr.events.consumers import CLOSE_UNAUTHENTICATED
from sublarr.services import embedded_services
from tests.queues import services_settings

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def in_memory_layer() -> Any:
    with services_settings(embedded_services()):
        yield


def communicator(
    path: str = "/ws/events", headers: list[tuple[bytes, bytes]] | None = None
) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, path, headers=headers or [])


def run(scenario: Any) -> Any:
    return async_to_sync(scenario)()


def test_a_client_with_the_api_key_receives_job_events() -> None:
    async def scenario() -> list[dict[str, Any]]:
        client = communicator(f"/ws/events?apikey={current_api_key()}")
        connected, _ = await client.connect()
        assert connected
        assert (await client.receive_json_from())["status"] == "authenticated"
        job = await database_sync_to_async(Job.objects.create)(id="j1", file_path="/m/a.mkv")
        job.status = "running"
        await database_sync_to_async(job.save)()
        await database_sync_to_async(job.delete)()
        received = [await client.receive_json_from(timeout=2) for _ in range(3)]
        await client.disconnect()
        return received

    assert run(scenario) == [
        {"type": "jobs.created", "id": "j1", "status": "queued", "progress": None},
        {"type": "jobs.updated", "id": "j1", "status": "running", "progress": None},
        {"type": "jobs.deleted", "id": "j1", "status": "running", "progress": None},
    ]


def test_whisper_and_wanted_changes_are_pushed_with_progress() -> None:
    async def scenario() -> tuple[list[dict[str, Any]], int]:
        client = communicator(f"/ws/events?apikey={current_api_key()}")
        await client.connect()
        await client.receive_json_from()
        await database_sync_to_async(WhisperJob.objects.create)(id="w1", file_path="/a.mkv", progress=0.5)
        item = await database_sync_to_async(WantedItem.objects.create)(item_type="movie", file_path="/b.mkv")
        received = [await client.receive_json_from(timeout=2) for _ in range(2)]
        await client.disconnect()
        return received, item.pk

    (whisper, wanted), wanted_id = run(scenario)
    assert whisper == {"type": "whisper_jobs.created", "id": "w1", "status": "queued", "progress": 0.5}
    assert wanted == {"type": "wanted_items.created", "id": wanted_id, "status": "wanted", "progress": None}


def test_the_key_may_come_as_the_first_message() -> None:
    async def scenario() -> dict[str, Any]:
        client = communicator()
        assert (await client.connect())[0]
        await client.send_json_to({"type": "auth", "apikey": current_api_key()})
        assert (await client.receive_json_from())["status"] == "authenticated"
        await database_sync_to_async(send_now)(event("hook.executed", 7, status="success"))
        received = await client.receive_json_from(timeout=2)
        await client.disconnect()
        return received

    assert run(scenario)["type"] == "hook.executed"


def test_a_wrong_key_in_the_query_is_refused_at_the_handshake() -> None:
    async def scenario() -> bool:
        connected, _ = await communicator("/ws/events?apikey=wrong").connect()
        return connected

    assert run(scenario) is False


def test_no_key_means_no_events_and_the_socket_is_closed() -> None:
    async def scenario() -> dict[str, Any]:
        client = communicator()
        await client.connect()
        await database_sync_to_async(send_now)(event("jobs.updated", "x"))
        await client.send_json_to({"type": "auth", "apikey": "wrong"})
        return await client.receive_output(timeout=2)

    assert run(scenario) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}


def test_an_anonymous_client_that_stays_silent_is_closed(settings: Settings) -> None:
    settings.WEBSOCKET_AUTH_TIMEOUT = 0.2

    async def scenario() -> dict[str, Any]:
        client = communicator()
        await client.connect()
        return await client.receive_output(timeout=2)

    assert run(scenario) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}


def staff_headers(client: Any, origin: bytes) -> list[tuple[bytes, bytes]]:
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    return [(b"cookie", cookie), (b"origin", origin), (b"host", b"testserver")]


def test_a_staff_session_from_our_own_page_is_accepted(client: Any) -> None:
    user = get_user_model().objects.create_user("admin", password="pw", is_staff=True)
    client.force_login(user)

    async def scenario() -> bool:
        connected, _ = await communicator(headers=staff_headers(client, b"http://testserver")).connect()
        return connected

    assert run(scenario) is True


def test_a_staff_session_from_another_site_is_not_enough(client: Any, settings: Settings) -> None:
    settings.WEBSOCKET_AUTH_TIMEOUT = 0.2
    user = get_user_model().objects.create_user("admin", password="pw", is_staff=True)
    client.force_login(user)

    async def scenario() -> dict[str, Any]:
        ws = communicator(headers=staff_headers(client, b"http://evil.example"))
        await ws.connect()
        return await ws.receive_output(timeout=2)

    assert run(scenario) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}


def test_a_non_staff_session_is_not_enough(client: Any, settings: Settings) -> None:
    settings.WEBSOCKET_AUTH_TIMEOUT = 0.2
    user = get_user_model().objects.create_user("someone", password="pw")
    client.force_login(user)

    async def scenario() -> dict[str, Any]:
        ws = communicator(headers=staff_headers(client, b"http://testserver"))
        await ws.connect()
        return await ws.receive_output(timeout=2)

    assert run(scenario)["code"] == CLOSE_UNAUTHENTICATED
