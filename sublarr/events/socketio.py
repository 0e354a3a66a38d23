"""Socket.IO at /socket.io: the legacy frontend's live events (job_update, wanted_*, batch_*, ...).

The legacy web frontend connects with socket.io-client and listens for the legacy event names
with the legacy payloads (frontend/src/hooks/useWebSocket.ts). The same model changes and tasks
that feed /ws/events send them (sublarr/events/__init__.py `publish(..., legacy=...)`).

With SUBLARR_REDIS_URL every server process's AsyncServer listens on one Redis channel
(AsyncRedisManager, "<SUBLARR_REDIS_PREFIX>-socketio"), and any process (a worker, a request in
another server) publishes to it with a write-only RedisManager, so each event reaches every
client once. Without Redis the clients are in this process: events go to the AsyncServer on the
server's event loop, where the embedded worker's changes come from too.

Who may connect: the rule of /ws/events (sublarr/events/consumers.py): the API key (Socket.IO auth
{"apikey": ...}, ?apikey= or the X-Api-Key header), or a staff session from a page of our own
origin; anything else is refused during the handshake.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

import socketio
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from django.conf import settings

import sublarr.events as events
from sublarr.api.authentication import QUERY_PARAM, key_matches
from sublarr.events.consumers import staff_session

logger = logging.getLogger(__name__)

PATH = "socket.io"
KEY_REQUIRED = "API key required"
KEY_INVALID = "Invalid API key"


def channel() -> str:
    return f"{settings.REDIS_PREFIX}-socketio"


def allowed_origin(origin: str | None, environ: dict[str, Any]) -> bool:
    """Browsers' cross-origin check: our own host, or an origin trusted for CSRF (reverse proxy)."""
    if not origin:
        return True  # not a browser: the key check below still applies
    return urlsplit(origin).netloc == environ.get("HTTP_HOST") or origin in settings.CSRF_TRUSTED_ORIGINS


def _client_manager() -> socketio.AsyncManager | None:
    if settings.REDIS_URL:
        return socketio.AsyncRedisManager(settings.REDIS_URL, channel=channel())
    return None  # in-process


server = socketio.AsyncServer(
    async_mode="asgi", client_manager=_client_manager(), cors_allowed_origins=allowed_origin
)


def _presented_key(environ: dict[str, Any], auth: Any) -> str | None:
    if isinstance(auth, dict) and isinstance(auth.get(QUERY_PARAM), str):
        return auth[QUERY_PARAM]
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if values := query.get(QUERY_PARAM):
        return values[0]
    return environ.get("HTTP_X_API_KEY")


@server.event
async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
    key = _presented_key(environ, auth)
    if key is not None:
        # The key file is re-read when it changes: file access, so off the event loop.
        if await sync_to_async(key_matches)(key):
            return True
        raise socketio.exceptions.ConnectionRefusedError(KEY_INVALID)
    if staff_session(environ.get("asgi.scope", {})):
        return True
    raise socketio.exceptions.ConnectionRefusedError(KEY_REQUIRED)


class SocketIORouter:
    """/socket.io/ goes to the Socket.IO server (with the session user resolved); the rest to `other`."""

    def __init__(self, other: Any) -> None:
        self.other = other
        self.socketio = AuthMiddlewareStack(socketio.ASGIApp(server, socketio_path=PATH))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket") and f"{scope['path'].rstrip('/')}/".startswith(f"/{PATH}/"):
            await self.socketio(scope, receive, send)  # type: ignore[arg-type,call-arg,misc]  # ASGI3 app typed as ASGI2 too
        else:
            await self.other(scope, receive, send)


# --- emitting from anywhere -----------------------------------------------------------------

_publisher: socketio.RedisManager | None = None
_publisher_lock = threading.Lock()


def _redis_publisher() -> socketio.RedisManager:
    global _publisher
    with _publisher_lock:
        if _publisher is None:
            _publisher = socketio.RedisManager(
                settings.REDIS_URL,
                channel=channel(),
                write_only=True,
                # A Redis that stopped answering costs a sender two seconds, never a hang.
                redis_options={"socket_timeout": 2, "socket_connect_timeout": 2},
            )
        return _publisher


def emit(name: str, data: Any, wait: bool = True) -> None:
    """Send a legacy event to every connected client, from any thread or process; best effort.

    `wait=False` hands the event to the server's loop without waiting for it to go out.
    """
    try:
        if settings.REDIS_URL:
            _redis_publisher().emit(name, data, namespace="/")
            return
        loop = events.server_loop()
        if loop is None or not loop.is_running():
            return  # no server in this process, so no client to reach
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            loop.create_task(server.emit(name, data))
        else:
            sent = asyncio.run_coroutine_threadsafe(server.emit(name, data), loop)
            if wait:
                sent.result(timeout=5)
    except Exception:  # the database stays the record; a lost live event is not an error
        logger.warning("could not emit %s to Socket.IO clients", name, exc_info=True)


class LogEventHandler(logging.Handler):
    """Every log record of the server process as the legacy `log_entry` event (the Logs page's live view).

    Records are handed to a thread of their own that sends them: logging never waits for Redis or
    the event loop (uvicorn logs from inside the loop), and when sending falls behind, records
    beyond the last thousand are dropped rather than kept. A record logged by the sending itself
    (the Socket.IO or Redis libraries) is dropped too, so sending can never log its way into a loop.
    """

    def __init__(self, level: int = logging.NOTSET, backlog: int = 1000) -> None:
        super().__init__(level)
        self.pending: queue.Queue[str] = queue.Queue(maxsize=backlog)
        self.sender = threading.Thread(target=self._send_forever, name="sublarr-log-events", daemon=True)
        self.sender.start()

    def _send_forever(self) -> None:
        while True:
            message = self.pending.get()
            emit("log_entry", {"message": message}, wait=False)

    def emit(self, record: logging.LogRecord) -> None:
        if threading.current_thread() is self.sender:
            return
        try:
            self.pending.put_nowait(self.format(record))
        except queue.Full:
            pass
        except Exception:
            self.handleError(record)


def install_log_events(log_format: str) -> LogEventHandler:
    """Add the log_entry handler to the root logger (once), in `log_format` (the log file's)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, LogEventHandler):
            return handler
    handler = LogEventHandler()
    handler.setFormatter(logging.Formatter(log_format))
    root.addHandler(handler)
    return handler
