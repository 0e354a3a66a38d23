"""A fixed moment and the two spellings legacy tables store timestamps in (ISO and SQLite's)."""

from __future__ import annotations

from datetime import datetime

NOW = datetime(2025, 6, 15, 12, 0, 0)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def plain(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")
