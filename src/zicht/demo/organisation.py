"""Demo organisation: teams, one user per role (DOMAIN §1), pre-provisioned second factors."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import Team, User
from zicht.accounts.otp import DEVICE_NAME, demo_key

DEMO_PASSWORD = "Zicht-demo-2026!"  # noqa: S105 - synthetic demo accounts only (ZICHT_DEMO=1)

TEAMS = [
    ("Voordeur", "Advies en meldingen, 24/7 bereikbaar"),
    ("Veiligheidsbeoordeling", "Beoordeling van nieuwe meldingen binnen 5 werkdagen"),
    ("Team Alkmaar", "Vervolg: Alkmaar, Bergen, Castricum, Heiloo, Dijk en Waard, Uitgeest"),
    ("Team Kop van Noord-Holland", "Vervolg: Den Helder, Schagen, Hollands Kroon, Texel"),
    (
        "Team West-Friesland",
        "Vervolg: Hoorn, Enkhuizen, Medemblik, Stede Broec, Drechterland, Koggenland, Opmeer",
    ),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    teams: tuple[str, ...]
    gemeente_code: str = ""


USERS = [
    DemoUser("voordeur", "Fatima", "de Boer", "Medewerker voordeur", ("Voordeur",)),
    DemoUser(
        "beoordelaar",
        "Jeroen",
        "Visser",
        "Medewerker veiligheidsbeoordeling",
        ("Veiligheidsbeoordeling",),
    ),
    DemoUser("casemanager", "Sanne", "Bakker", "Casemanager / onderzoeker", ("Team Alkmaar",)),
    DemoUser(
        "casemanager-kop",
        "Joost",
        "Kramer",
        "Casemanager / onderzoeker",
        ("Team Kop van Noord-Holland",),
    ),
    DemoUser(
        "casemanager-wf", "Lotte", "Hendriks", "Casemanager / onderzoeker", ("Team West-Friesland",)
    ),
    DemoUser(
        "gedragsdeskundige",
        "Maarten",
        "Smit",
        "Gedragsdeskundige",
        ("Veiligheidsbeoordeling", "Team Alkmaar"),
    ),
    DemoUser(
        "vertrouwensarts",
        "Noor",
        "Jansen",
        "Vertrouwensarts",
        ("Veiligheidsbeoordeling", "Team Alkmaar"),
    ),
    DemoUser(
        "teamleider", "Ilse", "Mulder", "Teamleider", ("Veiligheidsbeoordeling", "Team Alkmaar")
    ),
    DemoUser("procescoach", "Ruben", "de Vries", "Procescoach", ("Team Alkmaar",)),
    DemoUser("controller", "Anouk", "Meijer", "Beleidsmedewerker / business controller", ()),
    DemoUser("beheerder", "Thomas", "Bos", "Functioneel beheerder", ()),
    DemoUser("privacy", "Eva", "Dekker", "Privacy officer (FG)", ()),
    DemoUser("gemeente", "Bas", "Vermeulen", "Gemeente", (), "GM0361"),
]


@transaction.atomic
def organisation_load() -> list[DemoUser]:
    """Creates (idempotently) the demo teams and users with their TOTP devices."""
    teams = {}
    for naam, omschrijving in TEAMS:
        teams[naam], _ = Team.objects.get_or_create(
            naam=naam, defaults={"omschrijving": omschrijving}
        )
    for spec in USERS:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@demo.zicht.invalid",
                "gemeente_code": spec.gemeente_code,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.set([Group.objects.get(name=spec.role)])
            user.teams.set([teams[t] for t in spec.teams])
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=user, name=DEVICE_NAME, key=demo_key(user.username), confirmed=True
            )
    return USERS
