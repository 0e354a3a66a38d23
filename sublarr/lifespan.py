"""ASGI lifespan: remember the server's event loop and, in the embedded set-up, start the worker.

Without Redis the worker runs as a thread of the server process, so one `uvicorn` (or
`./dev serve`) runs everything and the in-memory channel layer reaches every client.
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections

import sublarr.events as events
from apps.core.logfile import LOG_FORMAT, apply_rotation_settings
from apps.tasks import schedule
from apps.tasks.base import default_worker_backend
from sublarr.events import socketio

logger = logging.getLogger(__name__)


class EmbeddedWorker:
    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.worker: Any = None

    def start(self) -> None:
        backend = default_worker_backend

        def keep(worker: Any) -> None:
            self.worker = worker

        def run() -> None:
            try:
                backend.run_worker(
                    burst=False, worker_id=None, stdout=io.StringIO(), signals=False, on_start=keep
                )
            except SystemExit:
                pass
            except Exception:
                logger.exception("embedded worker stopped")

        self.thread = threading.Thread(target=run, name="sublarr-embedded-worker", daemon=True)
        self.thread.start()
        logger.info("embedded worker started in the server process")

    def stop(self, timeout: float = 10.0) -> None:
        # The worker finishes its current task; one still running after the timeout is run
        # again after the next start (its heartbeat stops with this process).
        if self.worker is not None:
            self.worker.running = False
        if self.thread is not None:
            self.thread.join(timeout)


def _apply_log_rotation() -> None:
    try:
        apply_rotation_settings()
    except Exception:  # a database not there yet keeps the default rotation, never stops start-up
        logger.warning("log rotation settings not read; keeping the defaults", exc_info=True)
    finally:
        close_old_connections()


async def lifespan(scope: dict[str, Any], receive: Any, send: Any) -> None:
    embedded = EmbeddedWorker()
    stop = threading.Event()
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            events.set_server_loop(asyncio.get_running_loop())
            await asyncio.get_running_loop().run_in_executor(None, _apply_log_rotation)
            socketio.install_log_events(LOG_FORMAT)
            if settings.EMBEDDED_WORKER:
                embedded.start()  # it ticks the schedule too
            else:
                threading.Thread(target=schedule.tick_forever, args=(stop,), daemon=True).start()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            events.set_server_loop(None)
            stop.set()
            await asyncio.get_running_loop().run_in_executor(None, embedded.stop)
            await send({"type": "lifespan.shutdown.complete"})
            return
