"""pytest plugin, loaded with `-p` before pytest-django reads the settings: a throw-away data folder.

The root conftest.py is imported after pytest-django has configured Django, too late to point
SUBLARR_DATA_DIR anywhere: tests would write the API key, the log file and backups into the
checkout's ./data (and the backup tests' retention could prune a developer's real archives).
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SUBLARR_DATA_DIR", tempfile.mkdtemp(prefix="sublarr-test-data-"))
