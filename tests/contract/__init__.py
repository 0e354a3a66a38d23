"""The legacy contract suite: golden responses of the legacy Flask app replayed against /api/v1."""
