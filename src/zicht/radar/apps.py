from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "zicht.radar"
    label = "radar"
    verbose_name = "Radar"
