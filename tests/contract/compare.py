"""Compare a golden legacy response with a replayed one: status, keys, value types and values.

Pure standard library, shared by the replay test and anyone checking goldens by hand. bool and
int are different types here (legacy 0/1 flags must stay integers), and so are int and float.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any


class Mismatch(AssertionError):
    """The first difference, with its path and both values."""


def _type(value: Any) -> str:
    return type(value).__name__


def _matches(path: tuple[str, ...], pattern: str) -> bool:
    parts = tuple(p for p in pattern.split(".") if p)
    return len(parts) == len(path) and all(p in ("*", q) for p, q in zip(parts, path, strict=True))


def _show(path: tuple[str, ...]) -> str:
    return ".".join(path) or "(body)"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _mask(value: Any, path: tuple[str, ...], volatile: Sequence[str]) -> Any:
    """The value with every volatile leaf replaced by its type name (for sorting unordered lists)."""
    if any(_matches(path, v) for v in volatile):
        return f"<volatile {_type(value)}>"
    if isinstance(value, dict):
        return {k: _mask(v, (*path, k), volatile) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v, (*path, str(i)), volatile) for i, v in enumerate(value)]
    return value


def compare(
    expected: Any,
    actual: Any,
    volatile: Sequence[str] = (),
    unordered: Sequence[str] = (),
    path: tuple[str, ...] = (),
) -> None:
    """Raise Mismatch at the first difference between two JSON values."""
    where = _show(path)
    if _type(expected) != _type(actual):
        types = f"{_type(expected)} != {_type(actual)}"
        raise Mismatch(f"{where}: type {types} (legacy {expected!r}, got {actual!r})")
    if any(_matches(path, v) for v in volatile):
        return
    if isinstance(expected, dict):
        missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
        if missing or extra:
            raise Mismatch(f"{where}: keys differ: missing {missing}, unexpected {extra}")
        for key in sorted(expected):
            compare(expected[key], actual[key], volatile, unordered, (*path, key))
        return
    if isinstance(expected, list):
        if len(expected) != len(actual):
            raise Mismatch(
                f"{where}: list length {len(expected)} != {len(actual)} "
                f"(legacy {_canonical(expected)[:300]}, got {_canonical(actual)[:300]})"
            )
        if any(_matches(path, u) for u in unordered):
            # Sort both by their content with volatile values masked, then compare in that order.
            def content(item: Any) -> str:
                return _canonical(_mask(item, (*path, "*"), volatile))

            expected = sorted(expected, key=content)
            actual = sorted(actual, key=content)
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            compare(e, a, volatile, unordered, (*path, str(i)))
        return
    if expected != actual:
        raise Mismatch(f"{where}: legacy {expected!r} != got {actual!r}")
