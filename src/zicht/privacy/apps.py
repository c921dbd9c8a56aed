from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "zicht.privacy"
    label = "privacy"
    verbose_name = "Privacy: rechten van betrokkenen, bewaren en vernietigen, registers"
