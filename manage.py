#!/usr/bin/env python3
"""Sublarr's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sublarr.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A bad SUBLARR_* value: one clear line, not a traceback.
        sys.exit(f"sublarr: configuration error: {exc}")


if __name__ == "__main__":
    main()
