"""Docker HEALTHCHECK: exit 0 when /api/v1/health answers 200 on SUBLARR_PORT, else 1 (stdlib only)."""

from __future__ import annotations

import os
import sys
import urllib.request


def main() -> int:
    url = f"http://127.0.0.1:{os.environ.get('SUBLARR_PORT', '5765')}/api/v1/health"
    try:
        with urllib.request.urlopen(url, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"sublarr health check: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
