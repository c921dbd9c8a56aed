"""The demo's API client: the police router that registers meldingen and CORV messages.

One client, ``Politie-koppeling (demo)``, acting as its own service user (the role of the
front door, member of the team that receives new casussen), with only the scopes it needs.
Its token is derived from ``SECRET_KEY`` like the demo users' TOTP secrets
(``accounts.otp.demo_key``): the demo is deterministic, so ``zicht demo-logins`` can print it
on every ``make run`` without storing it. Synthetic, demo mode only.
"""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings
from django.contrib.auth.models import Group

from zicht.accounts.models import User
from zicht.api.models import TOKEN_VOORVOEGSEL, ApiClient
from zicht.api.services import api_client_aanmaken
from zicht.demo.context import DemoContext
from zicht.demo.progress import Balk
from zicht.intake.selectors import ontvangend_team

__all__ = [
    "KOPPELING_GEBRUIKER",
    "KOPPELING_NAAM",
    "KOPPELING_SCOPES",
    "demo_api_token",
    "koppeling_load",
    "koppeling_step",
]

KOPPELING_NAAM = "Politie-koppeling (demo)"
KOPPELING_GEBRUIKER = "politie-koppeling"
KOPPELING_ROL = "Medewerker voordeur"
KOPPELING_SCOPES = (
    "meldingen:aanmaken",
    "meldingen:lezen",
    "corv-berichten:lezen",
    "corv-berichten:aanmaken",
    "corv-berichten:wijzigen",
)
BEHEERDER = "beheerder"


def demo_api_token() -> str:
    """The deterministic token of the demo client (``zicht_<12 hex>_<43 url-safe chars>``)."""
    kern = hashlib.sha256(f"zicht-demo-api:{settings.SECRET_KEY}:{KOPPELING_NAAM}".encode())
    prefix = kern.hexdigest()[:12]
    geheim = base64.urlsafe_b64encode(hashlib.sha256(kern.digest()).digest()).decode()
    return f"{TOKEN_VOORVOEGSEL}{prefix}_{geheim.rstrip('=')}"


def koppeling_load() -> ApiClient | None:
    """Creates (idempotently) the service user and the client; None without a beheerder."""
    bestaand = ApiClient.objects.filter(naam=KOPPELING_NAAM).first()
    if bestaand is not None:
        return bestaand
    beheerder = User.objects.filter(username=BEHEERDER, is_active=True).first()
    if beheerder is None:
        return None
    gebruiker, nieuw = User.objects.get_or_create(
        username=KOPPELING_GEBRUIKER,
        defaults={"first_name": "Politie", "last_name": "koppeling (demo)"},
    )
    if nieuw:
        gebruiker.set_unusable_password()  # a service user never logs in on the pages
        gebruiker.save(update_fields=["password"])
        gebruiker.groups.set(Group.objects.filter(name=KOPPELING_ROL))
        team = ontvangend_team()
        if team is not None:
            gebruiker.teams.set([team])
    client, _token = api_client_aanmaken(
        actor=beheerder,
        naam=KOPPELING_NAAM,
        omschrijving="Demo: meldingen en CORV-berichten van de politie-router.",
        gebruiker=gebruiker,
        scopes=KOPPELING_SCOPES,
        token=demo_api_token(),
    )
    return client


def koppeling_step(ctx: DemoContext, balk: Balk) -> None:
    """The last step (after the dossiers, so the service user does no casework in the demo)."""
    client = koppeling_load()
    balk.samenvatting = (
        f"API-client ‘{client.naam}’ (token: zicht demo-logins)"
        if client is not None
        else "geen API-client (geen functioneel beheerder)"
    )
