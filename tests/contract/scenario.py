"""The shape of a contract scenario: ordered HTTP steps with their comparison options.

Pure standard library: the recorder imports it under the legacy application's virtualenv, where
Django is not installed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The fixture most scenarios run on: the legacy head's file, with rows in all 28 tables.
V14 = "v14-4d45cc2.db"
API = "/api/v1"
NO_BODY: Any = None


@dataclass(frozen=True)
class Step:
    """One request and how its response is compared.

    path is under /api/v1 and may name captured values: "/hooks/{hook_id}".
    volatile: paths whose value differs between runs (timestamps of now, ids of new rows,
    durations); only their type is compared. A path is dot-separated keys or list indexes,
    "*" stands for any key or index: "data.*.updated_at". "" is the whole body.
    unordered: paths of lists whose order the legacy app leaves undefined.
    capture: name -> path in the response body, for later steps' paths and bodies.
    headers: response headers that belong to the contract (Content-Disposition of a download).
    endpoint: the legacy route template when it cannot be derived from the path.
    """

    method: str
    path: str
    query: dict[str, Any] = field(default_factory=dict)
    json: Any = NO_BODY
    volatile: tuple[str, ...] = ()
    unordered: tuple[str, ...] = ()
    capture: dict[str, str] = field(default_factory=dict)
    endpoint: str | None = None
    # Response headers recorded and compared too; a date written YYYYMMDD in them (a download's
    # file name) counts as volatile.
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A unique id, the fixture database it starts from, and its steps in order."""

    id: str
    steps: tuple[Step, ...]
    fixture: str = V14
    why: str = ""  # what the scenario shows, when the id does not say it
    # Plain SQL run on the scenario's copy of the data before the first step, on both sides
    # (a state no legacy request can reach, e.g. a Whisper job in progress). Not for
    # config_entries: the legacy app reads those once, at start-up.
    setup_sql: tuple[str, ...] = ()
    # Needs the loopback webhook endpoint of tests/contract/sink.py while it runs.
    http_sink: bool = False


def _step(method: str, path: str, body: Any = NO_BODY, **options: Any) -> Step:
    for name in ("volatile", "unordered", "headers"):
        if isinstance(options.get(name), str):
            options[name] = (options[name],)
        elif name in options:
            options[name] = tuple(options[name])
    return Step(method, path, json=body, **options)


def GET(path: str, query: dict[str, Any] | None = None, **options: Any) -> Step:  # noqa: N802
    return _step("GET", path, query=query or {}, **options)


def POST(path: str, body: Any = NO_BODY, **options: Any) -> Step:  # noqa: N802
    return _step("POST", path, body, **options)


def PUT(path: str, body: Any = NO_BODY, **options: Any) -> Step:  # noqa: N802
    return _step("PUT", path, body, **options)


def DELETE(path: str, body: Any = NO_BODY, **options: Any) -> Step:  # noqa: N802
    return _step("DELETE", path, body, **options)


def fill(template: Any, values: dict[str, Any]) -> Any:
    """The template with "{name}" placeholders in its strings replaced by captured values."""
    if isinstance(template, str):
        if template.startswith("{") and template.endswith("}") and template[1:-1] in values:
            return values[template[1:-1]]  # a whole-string placeholder keeps the value's type
        for name, value in values.items():
            template = template.replace("{" + name + "}", str(value))
        return template
    if isinstance(template, dict):
        return {k: fill(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [fill(v, values) for v in template]
    return template


def pick(body: Any, path: str) -> Any:
    """The value at a dot path of a JSON body ("profiles.0.id")."""
    for part in [p for p in path.split(".") if p]:
        body = body[int(part)] if isinstance(body, list) else body[part]
    return body
