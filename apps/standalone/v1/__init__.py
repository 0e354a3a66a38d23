"""The legacy /api/v1 endpoints of the standalone app."""
