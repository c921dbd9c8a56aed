from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zicht.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en teams"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from zicht.accounts.middleware import activiteit_bij_inloggen

        # The idle clock starts at login (so the first request writes no session).
        user_logged_in.connect(activiteit_bij_inloggen, dispatch_uid="zicht-idle-timeout")
