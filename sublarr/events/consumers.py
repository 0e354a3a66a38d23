"""/ws/events: the live event stream. API key (query or first message) or staff session; else closed."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from sublarr.api.authentication import QUERY_PARAM, key_matches
from sublarr.events import GROUP

CLOSE_UNAUTHENTICATED = 4401


def _header(scope: Mapping[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


def same_origin(scope: Mapping[str, Any]) -> bool:
    """A session cookie only counts when the page that opened the socket is ours (no CSWSH)."""
    origin = _header(scope, b"origin")
    if not origin:
        return False
    host = _header(scope, b"host")
    parsed = urlsplit(origin)
    return parsed.netloc == host or origin in settings.CSRF_TRUSTED_ORIGINS


def staff_session(scope: Mapping[str, Any]) -> bool:
    user = scope.get("user")
    return bool(user and user.is_authenticated and user.is_active and user.is_staff and same_origin(scope))


class EventsConsumer(AsyncJsonWebsocketConsumer):
    authenticated = False
    deadline: asyncio.TimerHandle  # set while a connection without credentials waits for them

    async def connect(self) -> None:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        values = query.get(QUERY_PARAM)
        candidate = values[0] if values else None
        if candidate is not None:
            if not key_matches(candidate):
                await self.close()  # refused during the handshake: HTTP 403
                return
            await self.accept()
            await self.authenticate()
        elif staff_session(self.scope):
            await self.accept()
            await self.authenticate()
        else:
            # No credentials in the handshake: the first message must be {"type": "auth", "apikey": ...}.
            await self.accept()
            self.deadline = asyncio.get_running_loop().call_later(
                settings.WEBSOCKET_AUTH_TIMEOUT, self._expire
            )

    def _expire(self) -> None:
        if not self.authenticated:
            asyncio.ensure_future(self.close(code=CLOSE_UNAUTHENTICATED))

    async def authenticate(self) -> None:
        self.authenticated = True
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.send_json({"type": "hello", "id": None, "status": "authenticated", "progress": None})

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if self.authenticated:
            if isinstance(content, dict) and content.get("type") == "ping":
                await self.send_json({"type": "pong", "id": None, "status": None, "progress": None})
            return
        self.deadline.cancel()
        key = (
            content.get(QUERY_PARAM) if isinstance(content, dict) and content.get("type") == "auth" else None
        )
        if isinstance(key, str) and key_matches(key):
            await self.authenticate()
        else:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    async def disconnect(self, code: int) -> None:
        if self.authenticated:
            await self.channel_layer.group_discard(GROUP, self.channel_name)
        elif hasattr(self, "deadline"):
            self.deadline.cancel()

    async def sublarr_event(self, message: dict[str, Any]) -> None:
        await self.send_json(message["event"])
