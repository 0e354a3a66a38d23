"""Notification targets: the Apprise URLs of the `notification_urls_json` setting.

Legacy (backend/notifier.py at b0151c5) read the setting as a JSON array of URLs or, when it is
not one, as one URL per line; blank entries do not count. This server sends no notification; the
Settings page shows how many targets are configured.
"""

from __future__ import annotations

import json


def notification_urls(text: str) -> list[str]:
    if not text or not text.strip():
        return []
    try:
        parsed = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        parsed = None
    if isinstance(parsed, list):
        # Legacy stripped each entry; a non-text entry would have failed it, here it is skipped.
        return [url.strip() for url in parsed if isinstance(url, str) and url.strip()]
    return [line.strip() for line in text.strip().splitlines() if line.strip()]
