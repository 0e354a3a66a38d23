"""A loopback HTTP endpoint for webhook deliveries during recording and replay.

Standard library only (the recorder imports it under the legacy virtualenv). POST /ok answers
204, POST /fail answers 500; the port is fixed because the webhook URL is part of the data.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST, PORT = "127.0.0.1", 38571
URL = f"http://{HOST}:{PORT}"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (the http.server naming)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204 if self.path == "/ok" else 500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # quiet: a test's output is no place for an access log


@contextmanager
def http_sink() -> Iterator[str]:
    """Serve on 127.0.0.1:38571 in a thread for the duration of the block; yields the base URL."""
    try:
        server = ThreadingHTTPServer((HOST, PORT), _Handler)
    except OSError as exc:
        raise RuntimeError(f"the webhook sink cannot listen on {HOST}:{PORT}: {exc}") from exc
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield URL
    finally:
        server.shutdown()
        server.server_close()
