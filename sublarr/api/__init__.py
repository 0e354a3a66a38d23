"""What every app's REST API shares: API key auth, the legacy envelope, JSON-in-TEXT fields."""
