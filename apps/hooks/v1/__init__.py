"""The legacy /api/v1 endpoints of the hooks app."""
