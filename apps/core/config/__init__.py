"""The settings registry: the legacy settings' typed schema and their store in `config_entries`.

`schema` names every setting (type, default, environment variable, secret or not); `codec` turns
values into the text legacy wrote and back; `store` reads the current values and saves batches.
Views, the admin and commands use this package, never `ConfigEntry` rows for typed settings.
"""
