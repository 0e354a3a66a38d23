"""Script hooks: run a script from the hooks folder with the event on stdin and in its environment."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import F

from apps.hooks.models import HookConfig, HookLog, HookType
from sublarr.db.fields import now_iso
from sublarr.events import event, publish

OUTPUT_LIMIT = 4000
# Passed through from the worker's environment; SUBLARR_* settings (keys, secrets) are not.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR")


class ScriptRefused(Exception):
    """The script is outside the hooks folder, missing or not executable."""


def resolve_script(script_path: str) -> Path:
    hooks_dir = Path(settings.HOOKS_DIR).resolve()
    candidate = Path(script_path).expanduser()
    if not candidate.is_absolute():
        candidate = hooks_dir / candidate
    resolved = candidate.resolve()  # follows symlinks and "..": the real file must be inside
    if not resolved.is_relative_to(hooks_dir):
        raise ScriptRefused(f"{script_path} is outside the hooks folder {hooks_dir}")
    if not resolved.is_file() or not os.access(resolved, os.X_OK):
        raise ScriptRefused(f"{resolved} is not an executable file")
    return resolved


def environment(event_name: str, payload: dict[str, Any], body: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in INHERITED if name in os.environ}
    env["SUBLARR_EVENT"] = event_name
    env["SUBLARR_EVENT_JSON"] = body
    for key, value in payload.items():
        if isinstance(value, str | int | float | bool) and str(key).isidentifier():
            env[f"SUBLARR_{str(key).upper()}"] = str(value)
    return env


def truncate(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    return text if len(text) <= OUTPUT_LIMIT else text[:OUTPUT_LIMIT] + "\n[truncated]"


def execute(
    path: Path, body: str, env: dict[str, str], timeout: float
) -> tuple[int | None, bytes, bytes, str]:
    # Its own process group, so a timeout kills the script and everything it started.
    process = subprocess.Popen(
        [str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=path.parent,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(body.encode(), timeout=timeout)
        return process.returncode, stdout, stderr, ""
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return None, stdout, stderr, f"killed after {timeout:g} s timeout"


@dataclass
class Outcome:
    exit_code: int | None
    stdout: str
    stderr: str
    error: str
    duration_ms: float

    @property
    def success(self) -> bool:
        return self.exit_code == 0


def attempt(hook: HookConfig, event_name: str, payload: dict[str, Any]) -> Outcome:
    """Run the hook's script once; nothing is recorded."""
    body = json.dumps({"event": event_name, "timestamp": now_iso(), "data": payload})
    started = time.monotonic()
    exit_code, stdout, stderr, error = None, b"", b"", ""
    try:
        path = resolve_script(hook.script_path or "")
        exit_code, stdout, stderr, error = execute(
            path, body, environment(event_name, payload, body), hook.timeout_seconds or 30
        )
    except ScriptRefused as exc:
        error = f"refused: {exc}"
    except OSError as exc:
        error = f"could not start: {exc}"
    if exit_code not in (None, 0) and not error:
        error = f"exit code {exit_code}"
    duration = round((time.monotonic() - started) * 1000, 1)
    return Outcome(exit_code, truncate(stdout), truncate(stderr), error, duration)


def trial(hook: HookConfig, event_name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A test run, answered as the legacy test did; like legacy, it is neither logged nor counted."""
    script_path = hook.script_path or ""
    candidate = Path(script_path).expanduser()
    if not candidate.is_absolute():
        candidate = Path(settings.HOOKS_DIR) / candidate
    if not candidate.is_file():
        # The legacy answer for a missing script, word for word.
        return {
            "success": False,
            "exit_code": -1,
            "stdout": "",
            "stderr": "",
            "error": f"Script not found: {script_path}",
            "duration_ms": 0,
        }
    outcome = attempt(hook, event_name, payload)
    return {
        "success": outcome.success,
        # Legacy reported -1 when the script could not run or was killed.
        "exit_code": -1 if outcome.exit_code is None else outcome.exit_code,
        "stdout": outcome.stdout,
        "stderr": outcome.stderr,
        "error": outcome.error,
        "duration_ms": outcome.duration_ms,
    }


def run(hook: HookConfig, event_name: str, payload: dict[str, Any]) -> HookLog:
    outcome = attempt(hook, event_name, payload)
    exit_code, success = outcome.exit_code, outcome.success
    entry = HookLog.objects.create(
        hook_id=hook.pk,
        event_name=event_name,
        hook_type=HookType.SCRIPT,
        success=success,
        exit_code=exit_code,
        stdout=outcome.stdout,
        stderr=outcome.stderr,
        error=outcome.error,
        duration_ms=outcome.duration_ms,
    )
    HookConfig.objects.filter(pk=hook.pk).update(
        trigger_count=F("trigger_count") + 1,
        last_triggered_at=now_iso(),
        last_status="success" if success else "failed",
        updated_at=now_iso(),
    )
    publish(
        event(
            "hook.executed",
            entry.pk,
            status="success" if success else "failed",
            hook_type=HookType.SCRIPT,
            hook_id=hook.pk,
            event_name=event_name,
        )
    )
    return entry
