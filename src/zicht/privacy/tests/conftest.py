# ruff: noqa: F401, F811 - fixtures re-used from intake
"""Fixtures: two teams, users in every default role, two households (``wereld``)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from zicht.accounts.models import Team, User
from zicht.accounts.permissions import Perm
from zicht.casework.tests.factories import TeamFactory
from zicht.intake.tests.conftest import medewerker, referentiedata, vb_team, voordeur_team
from zicht.privacy.tests.wereld import Huishouden, huishouden

ALLE_DOSSIERRECHTEN = (
    Perm.CASUS_INZIEN,
    Perm.CASUS_BEWERKEN,
    Perm.MEDISCHE_NOTITIE,
    Perm.ADVIES_REGISTREREN,
    Perm.MELDING_REGISTREREN,
    Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
    Perm.BESLUIT_MEEBESLISSEN,
    Perm.BESLUIT_DESKUNDIGE,
    Perm.DIENST_UITVOEREN,
    Perm.WERK_VERDELEN,
    Perm.WERKVOORRAAD_INZIEN,
    Perm.RAPPORTAGE_INZIEN,
    Perm.CBS_AANLEVEREN,
    Perm.API_GEBRUIKEN,
)


@dataclass
class Wereld:
    team_a: Team
    team_b: Team
    a: Huishouden
    b: Huishouden
    officer: User
    officer2: User
    arts: User
    voorsteller: User
    collega: User
    teamleider: User


@pytest.fixture
def officer(make_user):
    return make_user(
        "fg",
        perms=(Perm.AUDIT_INZIEN, Perm.NOODTOEGANG_TOETSEN, Perm.VERNIETIGING_BEHEREN),
        first_name="Fenna",
    )


@pytest.fixture
def officer2(make_user):
    return make_user(
        "fg2",
        perms=(Perm.AUDIT_INZIEN, Perm.NOODTOEGANG_TOETSEN, Perm.VERNIETIGING_BEHEREN),
        first_name="Gert",
    )


@pytest.fixture
def wereld(make_user, medewerker, vb_team, officer, officer2) -> Wereld:
    team_a = vb_team
    team_b = TeamFactory(naam="Team B")
    voorsteller = make_user(
        "voorsteller",
        perms=(
            Perm.CASUS_INZIEN,
            Perm.CASUS_BEWERKEN,
            Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
            Perm.BESLUIT_MEEBESLISSEN,
            Perm.WERKVOORRAAD_INZIEN,
        ),
        teams=[team_a, team_b],
    )
    collega = make_user(
        "collega",
        perms=(
            Perm.CASUS_INZIEN,
            Perm.CASUS_BEWERKEN,
            Perm.VEILIGHEIDSBEOORDELING_UITVOEREN,
            Perm.BESLUIT_MEEBESLISSEN,
            Perm.WERKVOORRAAD_INZIEN,
        ),
        teams=[team_a, team_b],
    )
    arts = make_user(
        "arts",
        perms=(
            Perm.CASUS_INZIEN,
            Perm.CASUS_BEWERKEN,
            Perm.MEDISCHE_NOTITIE,
            Perm.BESLUIT_MEEBESLISSEN,
            Perm.BESLUIT_DESKUNDIGE,
        ),
        teams=[team_a, team_b],
    )
    teamleider = make_user(
        "teamleider",
        perms=(Perm.CASUS_INZIEN, Perm.CASUS_NOODTOEGANG, Perm.WERKVOORRAAD_INZIEN),
        teams=[team_a],
    )
    gemeenschappelijk = {
        "medewerker": medewerker,
        "voorsteller": voorsteller,
        "collega": collega,
        "arts": arts,
        "privacy_officer": officer,
    }
    a = huishouden(sleutel="Aap", bsn="111222333", team=team_a, **gemeenschappelijk)
    b = huishouden(
        sleutel="Bever",
        bsn="123456782",
        team=team_b,
        noodtoegang_door=teamleider,
        **gemeenschappelijk,
    )
    # The builders are members of both teams only to build; afterwards they are in team A.
    for u in (voorsteller, collega, arts):
        u.teams.set([team_a])
    return Wereld(team_a, team_b, a, b, officer, officer2, arts, voorsteller, collega, teamleider)


def rol_gebruikers(make_user, team: Team) -> dict[str, User]:
    """One user per default role (accounts/data/rollen.json), in ``team``; the gemeente user
    has a gemeente code."""
    result = {}
    for i, groep in enumerate(Group.objects.order_by("name")):
        extra = {"gemeente_code": "GM0361"} if groep.name == "Gemeente" else {}
        user = make_user(f"rol{i}", teams=[team], **extra)
        user.groups.add(groep)
        result[groep.name] = user
    return result
