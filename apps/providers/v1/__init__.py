"""The legacy /api/v1 endpoints of the providers app."""
