from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "apps.providers"
    label = "providers"
    verbose_name = "Subtitle providers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.providers import maintenance, statistics  # noqa: F401  (they register their steps and figures)
