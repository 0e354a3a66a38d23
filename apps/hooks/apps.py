from django.apps import AppConfig


class HooksConfig(AppConfig):
    name = "apps.hooks"
    label = "hooks"
    verbose_name = "Hooks"
    default_auto_field = "django.db.models.BigAutoField"
