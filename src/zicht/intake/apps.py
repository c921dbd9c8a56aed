from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zicht.intake"
    label = "intake"
    verbose_name = "Voordeur"
