"""Prints the demo logins (one per role) and how to get the second factor."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zicht.api.models import ApiClient
from zicht.demo.koppeling import KOPPELING_NAAM, demo_api_token
from zicht.demo.organisation import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Toont de demo-logins (alleen in demomodus)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ZICHT_DEMO:
            raise CommandError("Alleen beschikbaar in demomodus (ZICHT_DEMO=1).")
        width = max(len(u.username) for u in USERS)
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD})")
        for user in USERS:
            self.stdout.write(f"  {user.username:<{width}}  {user.role}")
        self.stdout.write("")
        self.stdout.write("Tweede factor: open een tweede terminal in deze map en voer uit")
        self.stdout.write("  .venv/bin/zicht demo-code GEBRUIKERSNAAM")
        self.stdout.write(
            "(of koppel de sleutel in een authenticator-app). Codes wisselen elke 30 s."
        )
        self.stdout.write("")
        client = ApiClient.objects.filter(naam=KOPPELING_NAAM).first()
        token = demo_api_token()
        if client is not None and client.bruikbaar and client.token_klopt(token):
            self.stdout.write(f"API-client ‘{client.naam}’ (scopes: {', '.join(client.scopes)}):")
            self.stdout.write(f"  Authorization: Bearer {token}")
            self.stdout.write("")
