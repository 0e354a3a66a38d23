"""The hooks app: script hooks and webhooks on Sublarr events."""

from typing import Any

from django.apps import AppConfig


def emit_config_updated(sender: Any, keys: list[str], **kwargs: Any) -> None:
    from apps.hooks.tasks import emit

    # The legacy PUT /config emitted this event with the saved keys under "updated_keys".
    emit("config_updated", {"updated_keys": keys})


class HooksConfig(AppConfig):
    name = "apps.hooks"
    label = "hooks"
    verbose_name = "Hooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.core.config.signals import settings_saved
        from apps.hooks import maintenance  # noqa: F401  (registers its maintenance step)

        settings_saved.connect(emit_config_updated, dispatch_uid="hooks-config-updated")
