"""The /api/v2 router: paths answer with and without a trailing slash, never with a redirect.

Legacy clients call `/api/v2/wanted` and `/api/v2/wanted/12`. An APPEND_SLASH redirect would turn
their POST into a GET and drop its body, so the slash is optional in the route itself.
"""

from __future__ import annotations

from typing import Any

from rest_framework.routers import SimpleRouter


class ApiRouter(SimpleRouter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trailing_slash = "/?"


def legacy_paths(endpoints: list[tuple[Any, ...]], **kwargs: Any) -> list[tuple[Any, ...]]:
    """drf-spectacular preprocessing hook: document the paths without the optional slash."""
    return [(path.rstrip("/") if path != "/" else path, *rest) for path, *rest in endpoints]
