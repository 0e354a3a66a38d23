"""Moving, fingerprinting and backing up Sublarr's database, on SQLite and PostgreSQL."""
