"""The machinery of documented deviations: where /api/v1 answers otherwise than legacy on purpose.

A deviation names, per step, what we answer instead of the golden: another status, a whole other
body, or values at a few body paths. `expected_step` turns the golden step into the answer we
must give, so the ordinary comparison still checks everything else against the golden (any other
regression still fails) and the declared paths against the declared values. The declarations
themselves live in tests/contract/deviations.py; pure standard library, like compare.py.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Typed:
    """A declared value compared by type only (a duration, a timestamp of now)."""

    type: type


# A declared path whose key we do not answer at all.
ABSENT: Any = object()


@dataclass(frozen=True)
class Instead:
    """What one step answers instead of the golden.

    status: our status code, when it differs.
    body: our whole JSON body, when it differs wholly (a 400 {"error"} instead of a 200).
    paths: dot path ("*" for any key or index, as in volatile paths) -> our value there, a
    Typed(...) for a value compared by type only, or ABSENT for a key we do not answer.
    """

    status: int | None = None
    body: Any = ABSENT
    paths: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Deviation:
    """Why we answer otherwise (the requirement, quoted) and the answer per step (1-based)."""

    reason: str
    steps: dict[int, Instead]


def _materialize(value: Any, path: list[str], volatile: list[str]) -> Any:
    """The declared value as a JSON value: each Typed in it (at any depth) becomes a sample of
    its type and its path type-only."""
    if isinstance(value, Typed):
        volatile.append(".".join(path))
        return value.type()
    if isinstance(value, dict):
        return {k: _materialize(v, [*path, k], volatile) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(v, [*path, str(i)], volatile) for i, v in enumerate(value)]
    return copy.deepcopy(value)


def _apply(body: Any, parts: list[str], value: Any, volatile: list[str], done: list[str]) -> int:
    """Set `value` at every match of `parts` under body; answers the number of places set."""
    head, rest = parts[0], parts[1:]
    if isinstance(body, dict):
        keys = list(body) if head == "*" else [head]
    elif isinstance(body, list):
        keys = [str(i) for i in range(len(body))] if head == "*" else [head]
    else:
        return 0
    count = 0
    for key in keys:
        slot: Any = int(key) if isinstance(body, list) else key
        if isinstance(body, list) and not 0 <= slot < len(body):
            continue
        path = [*done, key]
        if rest:
            if isinstance(body, dict) and key not in body:
                continue
            count += _apply(body[slot], rest, value, volatile, path)
            continue
        if value is ABSENT:
            if isinstance(body, dict) and key in body:
                del body[key]
                count += 1
            continue
        body[slot] = _materialize(value, path, volatile)
        count += 1
    return count


def expected_step(golden: dict[str, Any], instead: Instead | None) -> tuple[dict[str, Any], list[str]]:
    """The golden step as we must answer it, and the paths that the deviation made type-only."""
    if instead is None:
        return golden, []
    step = copy.deepcopy(golden)
    volatile: list[str] = []
    if instead.status is not None:
        step["status"] = instead.status
    if instead.body is not ABSENT:
        step["content_type"] = "application/json"
        step.pop("text", None)
        step["json"] = _materialize(instead.body, [], volatile)
    for path, value in instead.paths.items():
        if path == "":
            raise ValueError("a deviation of the whole body is `body=`, not the path ''")
        if _apply(step.get("json"), path.split("."), value, volatile, []) == 0:
            raise ValueError(f"deviation path {path!r} matches nothing in the golden body")
    return step, volatile


def differs_from_golden(golden: dict[str, Any], instead: Instead) -> bool:
    """True when the declared answer is not already the golden one (a stale deviation is not)."""
    expected, volatile = expected_step(golden, instead)
    return expected != golden or bool(volatile)
