from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "zicht.assessment"
    label = "assessment"
    verbose_name = "Veiligheidsbeoordeling"
