from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "zicht.people"
    label = "people"
    verbose_name = "Personen"
