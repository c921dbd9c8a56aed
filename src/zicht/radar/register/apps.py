from django.apps import AppConfig


class RadarRegisterConfig(AppConfig):
    name = "zicht.radar.register"
    label = "radarregister"
    verbose_name = "Radarregister"
    default_auto_field = "django.db.models.BigAutoField"
