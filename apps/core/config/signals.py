"""Sent after settings are saved, so other apps react (the hooks app emits "config_updated")
without the registry importing them."""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: keys (list[str], the settings just saved)
settings_saved = Signal()
