"""pytest plugin, loaded with `-p` before pytest-django reads the settings: a throw-away data folder
and a Redis prefix of each test process's own.

The root conftest.py is imported after pytest-django has configured Django, too late to point
SUBLARR_DATA_DIR anywhere: tests would write the API key, the log file and backups into the
checkout's ./data (and the backup tests' retention could prune a developer's real archives).
"""

from __future__ import annotations

import os
import tempfile

# Each test process its own, xdist workers included (they inherit the controller's environment):
# a test that rotates the API key file must not change the key under another worker's test.
os.environ["SUBLARR_DATA_DIR"] = tempfile.mkdtemp(prefix="sublarr-test-data-")

# With SUBLARR_REDIS_URL set (CI), every xdist worker would share one Redis cache, queue and
# channel namespace: a test clearing the dashboard cache would clear it under another worker's
# test. Each test process gets its own prefix (set, not defaulted: workers inherit the
# controller's).
os.environ["SUBLARR_REDIS_PREFIX"] = (
    f"sublarr-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
)
