from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "zicht.planning"
    label = "planning"
    verbose_name = "Planning en begroting"
