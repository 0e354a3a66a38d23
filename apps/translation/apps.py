from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "apps.translation"
    label = "translation"
    verbose_name = "Translation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.translation import maintenance, signals, statistics  # noqa: F401  (they register their steps and figures)

        signals.connect()
