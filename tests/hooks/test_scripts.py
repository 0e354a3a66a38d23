"""Script hooks: event on stdin and in the environment, timeout, output logged, folder confinement."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from apps.hooks.models import HookConfig, HookLog
from apps.hooks.tasks import run_script_hook
from tests.hooks.helpers import hooks_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooks_dir(tmp_path: Path) -> Iterator[Path]:
    with hooks_folder(tmp_path) as folder:
        yield folder


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


def hook(script_path: str, timeout: int = 30) -> HookConfig:
    return HookConfig.objects.create(
        name="h", event_name="subtitle_downloaded", script_path=script_path, timeout_seconds=timeout
    )


def test_it_gets_the_event_on_stdin_and_in_its_environment(hooks_dir: Path) -> None:
    script(hooks_dir, "echo.sh", 'cat; echo "$SUBLARR_EVENT $SUBLARR_FILE" >&2; exit 0\n')
    config = hook("echo.sh")
    assert run_script_hook.call(config.pk, "subtitle_downloaded", {"file": "/m/a.mkv"})

    entry = HookLog.objects.get(hook_id=config.pk)
    assert entry.success and entry.exit_code == 0 and entry.hook_type == "script"
    assert entry.stdout is not None and entry.stderr is not None
    assert json.loads(entry.stdout)["data"] == {"file": "/m/a.mkv"}
    assert entry.stderr.strip() == "subtitle_downloaded /m/a.mkv"
    config.refresh_from_db()
    assert (config.trigger_count, config.last_status) == (1, "success")


def test_it_does_not_pass_sublarr_secrets_to_the_script(
    hooks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUBLARR_API_KEY", "top-secret")
    script(hooks_dir, "env.sh", "env\n")
    config = hook("env.sh")
    run_script_hook.call(config.pk, "subtitle_downloaded", {})
    stdout = HookLog.objects.get(hook_id=config.pk).stdout
    assert stdout is not None and "top-secret" not in stdout


def test_a_failing_script_logs_its_exit_code_and_truncated_output(hooks_dir: Path) -> None:
    script(hooks_dir, "fail.sh", "head -c 10000 /dev/zero | tr '\\0' x; exit 3\n")
    config = hook("fail.sh")
    assert not run_script_hook.call(config.pk, "subtitle_downloaded", {})

    entry = HookLog.objects.get(hook_id=config.pk)
    assert (entry.success, entry.exit_code, entry.error) == (False, 3, "exit code 3")
    assert entry.stdout is not None and len(entry.stdout) < 4100 and entry.stdout.endswith("[truncated]")


def test_it_is_killed_at_its_timeout(hooks_dir: Path, tmp_path: Path) -> None:
    survivor = tmp_path / "survived"
    script(hooks_dir, "slow.sh", f"(sleep 3; touch {survivor}) &\nsleep 30\n")
    config = hook("slow.sh", timeout=1)
    started = time.monotonic()
    assert not run_script_hook.call(config.pk, "subtitle_downloaded", {})
    assert time.monotonic() - started < 5

    entry = HookLog.objects.get(hook_id=config.pk)
    assert entry.exit_code is None and entry.error is not None and "timeout" in entry.error
    time.sleep(3)
    assert not survivor.exists()  # its children went with it


@pytest.mark.parametrize("where", ["absolute", "dotdot", "symlink"])
def test_a_script_outside_the_hooks_folder_is_refused(hooks_dir: Path, tmp_path: Path, where: str) -> None:
    ran = tmp_path / "ran"
    outside = script(tmp_path, "evil.sh", f"touch {ran}\n")
    path = {"absolute": str(outside), "dotdot": "../evil.sh", "symlink": "link.sh"}[where]
    if where == "symlink":
        os.symlink(outside, hooks_dir / "link.sh")
    config = hook(path)

    assert not run_script_hook.call(config.pk, "subtitle_downloaded", {})
    assert not ran.exists()
    entry = HookLog.objects.get(hook_id=config.pk)
    assert (
        not entry.success
        and entry.error is not None
        and entry.error.startswith("refused:")
        and "outside the hooks folder" in entry.error
    )


def test_a_missing_script_is_refused(hooks_dir: Path) -> None:
    config = hook("nope.sh")
    assert not run_script_hook.call(config.pk, "subtitle_downloaded", {})
    error = HookLog.objects.get(hook_id=config.pk).error
    assert error is not None and "not an executable file" in error
