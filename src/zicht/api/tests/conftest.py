# ruff: noqa: F401, F811 - the intake/assessment fixtures are imported to be re-used here
"""Fixtures for the API tests: API clients with scopes, a bearer-token test client, and a
valid melding body (the intake fixtures give teams, a frozen clock and reference data)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.test import Client

from zicht.accounts.permissions import Perm
from zicht.api.scopes import ALLE_SCOPES
from zicht.api.services import api_client_aanmaken
from zicht.assessment.tests.conftest import (
    DESKUNDIGE,
    STRUCTUREEL,
    VOORSTELLER,
    collega,
    deskundige,
    melding,
    voorsteller,
)
from zicht.intake.tests.conftest import (
    NU,
    audit_rows,
    beoordelaar,
    medewerker,
    nu,
    referentiedata,
    vb_team,
    voordeur_team,
)

KOPPELING = (
    Perm.MELDING_REGISTREREN,
    Perm.ADVIES_REGISTREREN,
    Perm.CASUS_INZIEN,
)

MELDING_BODY: dict[str, Any] = {
    "ontvangen_op": "2026-03-10T09:45:00+01:00",
    "kanaal": "politie_corv",
    "melder": {
        "hoedanigheid": "02",
        "naam": "Dr. P. Bakker",
        "organisatie": "Huisartsenpraktijk De Linde",
        "telefoon": "072-5110000",
    },
    "personen": [
        {
            "rol": "slachtoffer",
            "voornamen": "Anna",
            "achternaam": "Jansen",
            "geboortedatum": "1988-03-12",
            "geslacht": "V",
            "straat": "Laan",
            "huisnummer": "1",
            "postcode": "1811AB",
            "woonplaats": "Alkmaar",
            "gemeente_code": "GM0361",
        },
        {
            "rol": "kind",
            "voornamen": "Tim",
            "achternaam": "Jansen",
            "geboortedatum": "2018",
            "relatie": "kind_van",
            "relatie_met": 0,
        },
    ],
    "aanleidingen": ["01"],
    "aarden": ["01", "08"],
    "signalen": "Moeder had blauwe plekken; de zoon zag het gebeuren.",
}


def melding_body(**velden: Any) -> dict[str, Any]:
    body = copy.deepcopy(MELDING_BODY)
    body.update(velden)
    return body


class ApiTestClient(Client):
    """A Django test client that sends JSON and a bearer token."""

    def __init__(self, token: str, **kwargs: Any) -> None:
        super().__init__(HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)

    def post_json(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.post(
            path, data if data is not None else {}, content_type="application/json", **extra
        )

    def patch_json(self, path: str, data: Any, **extra: Any) -> Any:
        return self.patch(path, data, content_type="application/json", **extra)


@pytest.fixture
def api_client_maken(make_user) -> Callable[..., tuple[Any, ApiTestClient]]:
    """``(ApiClient, test client with its token)`` for a new service user."""
    beheerder = make_user("functioneelbeheer", perms=[Perm.GEBRUIKERS_BEHEREN])
    teller = {"n": 0}

    def maken(
        *,
        perms: Iterable[Perm] = KOPPELING,
        teams: Iterable[Any] = (),
        scopes: Iterable[str] = ALLE_SCOPES,
        gebruiker: Any = None,
        **extra: Any,
    ) -> tuple[Any, ApiTestClient]:
        teller["n"] += 1
        if gebruiker is None:
            gebruiker = make_user(
                f"koppeling{teller['n']}", perms=list(perms), teams=list(teams), otp=False
            )
        client, token = api_client_aanmaken(
            actor=beheerder,
            naam=f"Koppeling {teller['n']}",
            gebruiker=gebruiker,
            scopes=scopes,
            **extra,
        )
        return client, ApiTestClient(token)

    return maken


@pytest.fixture
def koppeling(api_client_maken, vb_team, voordeur_team, nu):
    """A front-door integration (police router): registers and reads in the VB team."""
    return api_client_maken(teams=[vb_team])
