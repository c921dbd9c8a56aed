from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zicht.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en teams"
