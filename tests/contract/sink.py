"""A loopback HTTP endpoint for webhook deliveries during recording and replay.

Standard library only (the recorder imports it under the legacy virtualenv). POST /ok answers
204, POST /fail answers 500; the port is fixed because the webhook URL is part of the data.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST, PORT = "127.0.0.1", 38571
URL = f"http://{HOST}:{PORT}"
# Another test process (a second xdist worker, another checkout's run) may hold the fixed port
# for its own scenario, which lasts well under a second: wait for it rather than fail.
WAIT_SECONDS = 30.0


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
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            server = ThreadingHTTPServer((HOST, PORT), _Handler)
            break
        except OSError as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the webhook sink cannot listen on {HOST}:{PORT}: {exc}") from exc
            time.sleep(0.1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield URL
    finally:
        server.shutdown()
        server.server_close()
