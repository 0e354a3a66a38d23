"""One OpenAPI schema per API version: /api/v1 (the legacy contract) and /api/v2 (the table API).

Both versions live in one URLconf; a preprocessing hook keeps each schema to its own prefix, so
every version is documented, fuzzed and served on its own.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from drf_spectacular.views import SpectacularAPIView

VERSIONS = ("v1", "v2")

DESCRIPTIONS = {
    "v1": (
        "The legacy Sublarr API, exactly as the Sublarr web frontend and existing scripts call it. "
        "Send the API key as X-Api-Key or ?apikey=."
    ),
    "v2": (
        "Every Sublarr table as a paginated, filtered resource. Send the API key as X-Api-Key or ?apikey=."
    ),
}


def _keep_prefix(prefix: str, endpoints: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(prefix)]


def only_v1(endpoints: list[tuple[Any, ...]], **kwargs: Any) -> list[tuple[Any, ...]]:
    """drf-spectacular preprocessing hook: the /api/v1 operations only."""
    return _keep_prefix("/api/v1/", endpoints)


def only_v2(endpoints: list[tuple[Any, ...]], **kwargs: Any) -> list[tuple[Any, ...]]:
    """drf-spectacular preprocessing hook: the /api/v2 operations only."""
    return _keep_prefix("/api/v2/", endpoints)


def version_settings(version: str) -> dict[str, Any]:
    """SPECTACULAR_SETTINGS overrides that turn the project's schema into one version's."""
    return {
        "VERSION": version.removeprefix("v"),
        "DESCRIPTION": DESCRIPTIONS[version],
        "SCHEMA_PATH_PREFIX": f"/api/{version}",
        "PREPROCESSING_HOOKS": [f"sublarr.api.schema.only_{version}", "sublarr.api.routers.legacy_paths"],
    }


def schema_view(version: str) -> Any:
    return SpectacularAPIView.as_view(custom_settings=version_settings(version))


def generate_schema(version: str | None = None) -> dict[str, Any]:
    """The schema one version serves (both versions in one document with None), built in-process."""
    if version is None:
        return SchemaGenerator().get_schema(request=None, public=True)
    with patched_settings(version_settings(version)):
        return SchemaGenerator().get_schema(request=None, public=True)
