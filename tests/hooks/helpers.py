"""Shared by the hooks app's tests and /api/v1's: a loopback webhook receiver, a hooks folder."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from django.test import override_settings


class Receiver:
    """Answers with the queued status codes (then 200), recording every request."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        self.delay = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                time.sleep(receiver.delay)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@contextmanager
def webhook_receiver() -> Iterator[Receiver]:
    """A running Receiver, with retries not waiting; shut down and closed afterwards."""
    server = Receiver()
    try:
        with override_settings(WEBHOOK_RETRY_DELAY_SECONDS=0):
            yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


@contextmanager
def hooks_folder(tmp_path: Path) -> Iterator[Path]:
    """A fresh `hooks` folder under tmp_path, set as HOOKS_DIR (resolved, as the settings do)."""
    folder = tmp_path / "hooks"
    folder.mkdir()
    with override_settings(HOOKS_DIR=folder.resolve()):
        yield folder
