"""A form of every typed setting, built from the registry: the admin's "Settings" page.

Each field has the setting's type (a checkbox, a whole number, a number, text), its default and
environment variable as help; secrets are write-only (blank keeps the stored one). Saving goes
through `store.save`, so the text stored is what legacy's PUT /config wrote for the same value.
"""

from __future__ import annotations

from typing import Any

from django import forms

from apps.core.config import store
from apps.core.config.schema import DEFAULTS, FIELD_TYPES, env_name, is_secret


def _field(name: str) -> forms.Field:
    kind = FIELD_TYPES[name]
    help_text = f"Default {DEFAULTS[name]!r}; environment variable {env_name(name)}."
    if kind is bool:
        return forms.BooleanField(required=False, help_text=help_text)
    if kind is int:
        return forms.IntegerField(help_text=help_text)
    if kind is float:
        return forms.FloatField(help_text=help_text)
    if is_secret(name):
        return forms.CharField(
            required=False,
            strip=False,
            widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
            help_text="Write-only: leave blank to keep the current value. " + help_text,
        )
    return forms.CharField(
        required=False, strip=False, widget=forms.TextInput(attrs={"size": 80}), help_text=help_text
    )


class SettingsForm(forms.Form):
    """Every setting of the registry; `save()` stores the ones that changed, all or nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = store.current()
        for name in FIELD_TYPES:
            self.fields[name] = _field(name)
            self.initial[name] = "" if is_secret(name) else self.current[name]

    def changed_values(self) -> dict[str, Any]:
        changed: dict[str, Any] = {}
        for name in FIELD_TYPES:
            value = self.cleaned_data[name]
            if is_secret(name) and value == "":
                continue  # blank keeps the stored secret
            if value != self.current[name]:
                changed[name] = value
        return changed

    def save(self) -> list[str]:
        try:
            saved, _ = store.save(self.changed_values())
        except store.InvalidSettings as exc:
            for key, why in exc.errors.items():
                self.add_error(key if key in self.fields else None, why)
            raise
        return saved
