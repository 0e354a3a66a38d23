"""The OpenAPI schema of /api/v2, generated in-process, and the list paths it names."""

from __future__ import annotations

from functools import cache
from typing import Any

from sublarr.api.schema import generate_schema

ANONYMOUS = {"/api/v2/health"}


@cache
def openapi_schema() -> dict[str, Any]:
    return generate_schema("v2")


def _needs_parameters(operation: dict[str, Any]) -> bool:
    return any(parameter.get("required") for parameter in operation.get("parameters", []))


def get_paths() -> list[str]:
    """Every GET path that answers without parameters: the lists and the summaries."""
    return sorted(
        path
        for path, operations in openapi_schema()["paths"].items()
        if "get" in operations
        and "{" not in path
        and path not in ANONYMOUS
        and not _needs_parameters(operations["get"])
    )
