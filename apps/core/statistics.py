"""The figures of the legacy statistics that other apps own: each app registers its own readers.

/statistics and /statistics/export (apps/core/v1/stats.py) show tables of several apps. Core does
not import those apps (they build on core), so the app that owns a table registers the function
that reads it, from its AppConfig.ready(): `@statistics.figures("backend_stats")`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Reader = Callable[..., Any]

_readers: dict[str, Reader] = {}


def figures(name: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of the figures called `name`."""

    def register(reader: Reader) -> Reader:
        _readers[name] = reader
        return reader

    return register


def read(name: str, *args: Any, default: Any) -> Any:
    """The figures called `name`; `default` when no installed app provides them."""
    reader = _readers.get(name)
    return reader(*args) if reader is not None else default
