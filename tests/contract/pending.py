# ruff: noqa: E501  (one line per scenario, its first difference in full)
"""Scenarios known not to match /api/v1 yet: scenario id -> why.

They run as strict xfail: a scenario that starts matching fails until its line is removed here.
Implementers: delete the lines of the scenarios your endpoint now passes, or let
`.venv/bin/python -m pytest tests/contract --contract-write-pending` rewrite this file from a run
(add --runxfail to refresh the reasons of the ones still failing).
"""

from __future__ import annotations

PENDING: dict[str, str] = {}
