"""Settings as text in `config_entries`, exactly as the legacy application wrote and read it.

Legacy PUT /config saved `str(value)` of the decoded JSON value (stripped when a string, or when the
key names an API key or password), so `true` became "True", `5` "5", and the Settings page, which
sends every value as a string, wrote "true" and "5". Legacy read the text back in
`reload_settings`: a bool is true when the text is "true", "1" or "yes" (any case), an int
`int(text)`, a float `float(text)`, a string `str(text).strip()`; text that did not parse was
skipped (the environment or the default showed instead).

Here a value is accepted only when its text parses back to the same kind of value, so nothing that
legacy would silently drop is ever stored: an int field refuses `5.5` and `"five"`, a bool field
refuses `"maybe"` (which legacy would have read as false).
"""

from __future__ import annotations

import math
from typing import Any

from apps.core.config.schema import FIELD_TYPES

_TRUE = ("true", "1", "yes")
_BOOL_WORDS = frozenset({*_TRUE, "false", "0", "no"})


class SettingValueError(ValueError):
    """A value that is not of its setting's type; the message says what was expected."""


def legacy_text(name: str, value: Any, *, imported: bool = False) -> str:
    """The text legacy stored for this decoded JSON value: PUT /config stripped, import did not."""
    if imported:
        return str(value)
    lowered = name.lower()
    if isinstance(value, str) or "api_key" in lowered or "password" in lowered:
        return str(value).strip()
    return str(value)


def parse_text(name: str, text: str) -> Any:
    """The typed value legacy read from this stored text; raises ValueError where legacy skipped it."""
    kind = FIELD_TYPES[name]
    if kind is bool:
        return text.lower() in _TRUE
    if kind is int:
        return int(text)
    if kind is float:
        return float(text)
    return str(text).strip()


def _expected(kind: type) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}[kind]


def check(name: str, value: Any, *, imported: bool = False) -> str:
    """The text to store for `value`, or SettingValueError when it is not of the setting's type."""
    kind = FIELD_TYPES[name]
    if not _acceptable(kind, value):
        raise SettingValueError(f"expected {_expected(kind)}, got {value!r}")
    return legacy_text(name, value, imported=imported)


def _acceptable(kind: type, value: Any) -> bool:
    if kind is str:
        return isinstance(value, str)
    if kind is bool:
        return isinstance(value, bool) or (isinstance(value, str) and value.strip().lower() in _BOOL_WORDS)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    if kind is int:
        if isinstance(value, float):
            return False
        try:
            int(str(value).strip())
        except ValueError:
            return False
        return True
    try:
        number = float(str(value).strip())
    except ValueError:
        return False
    return math.isfinite(number)
