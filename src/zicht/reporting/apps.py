from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "zicht.reporting"
    label = "reporting"
    verbose_name = "Rapportage"
