"""SQLite backend that writes the legacy Sublarr DDL exactly (see schema.py)."""
