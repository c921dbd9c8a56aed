from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zicht.core"
    label = "core"
    verbose_name = "Kern"
