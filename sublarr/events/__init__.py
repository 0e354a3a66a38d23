"""Live events: small JSON messages to every authenticated /ws/events client, from any process.

With Redis the channel layer carries them between processes; in the embedded default the layer
is in memory, which reaches clients because the embedded worker runs inside the server process.
A change may also carry its legacy Socket.IO event (name and payload as the legacy frontend
expects them), sent to /socket.io clients at the same moment (sublarr/events/socketio.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

GROUP = "sublarr-events"
MESSAGE_TYPE = "sublarr.event"

# The server's event loop, when this process serves websockets (set by the ASGI lifespan). An
# in-memory layer's queues belong to that loop, so threads hand their sends to it.
_server_loop: asyncio.AbstractEventLoop | None = None


def set_server_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    global _server_loop
    _server_loop = loop


def server_loop() -> asyncio.AbstractEventLoop | None:
    return _server_loop


def event(
    kind: str, ident: Any, status: str | None = None, progress: float | None = None, **extra: Any
) -> dict:
    return {"type": kind, "id": ident, "status": status, "progress": progress, **extra}


def send_now(payload: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": MESSAGE_TYPE, "event": payload}
    try:
        loop = _server_loop
        if loop is not None and loop.is_running():
            running = None
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                pass
            if running is not loop:
                asyncio.run_coroutine_threadsafe(layer.group_send(GROUP, message), loop).result(timeout=5)
                return
        async_to_sync(layer.group_send)(GROUP, message)
    except Exception:  # a live event is best effort: the database stays the record
        logger.exception("could not publish %s", payload.get("type"))


def send_legacy(name: str, data: Any) -> None:
    from sublarr.events import socketio  # the Socket.IO server is built on first use, not at app load

    socketio.emit(name, data)


def publish(payload: dict[str, Any], legacy: tuple[str, Any] | None = None) -> None:
    """Send after the surrounding transaction commits, so clients never see uncommitted rows.

    `legacy` is the same change as the legacy Socket.IO event (name, payload), if it has one.
    """

    def send() -> None:
        send_now(payload)
        if legacy is not None:
            send_legacy(*legacy)

    transaction.on_commit(send)


def publish_legacy(name: str, data: Any) -> None:
    """A legacy Socket.IO event with no /ws/events counterpart (batch progress...), after commit."""
    transaction.on_commit(lambda: send_legacy(name, data))
