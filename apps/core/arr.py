"""Sonarr and Radarr as the settings describe them: their instances, and their paths mapped to local ones.

Legacy backend/config.py at b0151c5 (`get_sonarr_instances`, `get_radarr_instances`, `map_path`):
an instance list is the `<service>_instances_json` setting when it holds a non-empty JSON array,
else one "Default" instance from the single-instance settings (`<service>_url` and
`<service>_api_key`, both set), else none. `path_mapping` is "remote=local" pairs separated by ";";
the first pair whose remote prefix starts the path replaces that prefix. Nothing is contacted here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from apps.core.config import store

Service = Literal["sonarr", "radarr"]


def _reject_constant(name: str) -> Any:
    # NaN/Infinity are not JSON (a client cannot read them back); such text counts as unparsable.
    raise ValueError(f"not JSON: {name}")


def _stored_array(text: str) -> list[Any] | None:
    """The JSON array in `text` when it parses to a non-empty one, else None (legacy's fallback)."""
    if not text:
        return None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except ValueError:  # json.JSONDecodeError is a ValueError
        return None
    return value if isinstance(value, list) and value else None


def instances(service: Service, values: Mapping[str, Any] | None = None) -> list[Any]:
    """The configured instances of Sonarr or Radarr, as legacy read them from the settings.

    The stored array is answered as stored (legacy did not check its entries); the fallback
    instance carries the global `path_mapping`. `values` are the current settings (read when None).
    """
    settings = store.current() if values is None else values
    stored = _stored_array(settings[f"{service}_instances_json"])
    if stored is not None:
        return stored
    url, api_key = settings[f"{service}_url"], settings[f"{service}_api_key"]
    if url and api_key:
        return [{"name": "Default", "url": url, "api_key": api_key, "path_mapping": settings["path_mapping"]}]
    return []


def map_path(path: str, mapping: str) -> str:
    """`path` with the first matching remote prefix of `mapping` replaced by its local prefix.

    Pairs without "=" or with an empty side are skipped; a pair splits at its first "=" (so
    "/data=>/media" maps "/data" to ">/media", as legacy did). No match leaves the path as it is.
    """
    for pair in mapping.split(";"):
        remote, sep, local = pair.strip().partition("=")
        remote, local = remote.strip(), local.strip()
        if not sep or not remote or not local:
            continue
        if path.startswith(remote):
            return local + path[len(remote) :]
    return path
