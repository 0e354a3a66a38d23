from django.apps import AppConfig


class StandaloneConfig(AppConfig):
    name = "apps.standalone"
    label = "standalone"
    verbose_name = "Standalone media"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.standalone import maintenance  # noqa: F401  (registers its maintenance steps)
