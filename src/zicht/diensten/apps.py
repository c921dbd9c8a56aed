from django.apps import AppConfig


class DienstenConfig(AppConfig):
    name = "zicht.diensten"
    label = "diensten"
    verbose_name = "Diensten"
