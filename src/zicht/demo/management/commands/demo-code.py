"""``zicht demo-code USER``: the current TOTP code of a demo user (demo mode only)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import User
from zicht.accounts.otp import confirmed_device, current_code


class Command(BaseCommand):
    help = "Toont de actuele tweede-factorcode van een demogebruiker (alleen in demomodus)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gebruiker", help="gebruikersnaam, bijvoorbeeld 'voordeur'")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ZICHT_DEMO:
            raise CommandError("demo-code werkt alleen in demomodus (ZICHT_DEMO=1).")
        user = User.objects.filter(username=options["gebruiker"]).first()
        if user is None:
            raise CommandError(f"Gebruiker '{options['gebruiker']}' bestaat niet.")
        device = confirmed_device(user)
        if device is None:
            raise CommandError("Deze gebruiker heeft geen gekoppelde tweede factor.")
        self.stdout.write(current_code(device))
