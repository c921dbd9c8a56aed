"""Every list of ``/api/v1/`` runs the same number of queries for a page of 2 rows as for a
page of 8 (DESIGN rule 7: no N+1). Each test counts a page with few rows, adds rows, counts
again and compares — never a fixed number, as the audit writer's own queries may change."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zicht.accounts.permissions import Perm
from zicht.api.tests.conftest import VOORSTELLER
from zicht.assessment.models import Besluit, Instrument, Veiligheidsbeoordeling
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory, TeamFactory
from zicht.diensten import werk_services
from zicht.diensten.models import Dienst, DienstSoort, MonitoringMoment
from zicht.diensten.models_werk import Voorlichting
from zicht.intake.models import MeldingBetrokkene
from zicht.intake.tests.factories import AdviesFactory, CorvBerichtFactory, MeldingFactory, code
from zicht.reporting.models import Export, ExportSoort

pytestmark = pytest.mark.django_db

RECHTEN = (
    *VOORSTELLER,
    Perm.MELDING_REGISTREREN,
    Perm.ADVIES_REGISTREREN,
    Perm.DIENST_UITVOEREN,
    Perm.WERKVOORRAAD_INZIEN,
    Perm.RAPPORTAGE_INZIEN,
    Perm.CBS_AANLEVEREN,
)
WEINIG, VEEL = 2, 8
_teller = itertools.count(1)


class Omgeving:
    """The caller (an API client of ``team``) and what the builders need."""

    def __init__(self, gebruiker: Any, team: Any) -> None:
        self.gebruiker = gebruiker
        self.team = team


# --- Builders: one visible row each, with the related rows the serializer shows ------------------


def _advies(o: Omgeving) -> None:
    advies = AdviesFactory()
    advies.aanleidingen.set([code("aanleiding", "01")])
    advies.aarden.set([code("aard", "01")])


def _melding(o: Omgeving) -> None:
    melding = MeldingFactory(casus=CasusFactory(team=o.team))
    melding.aarden.set([code("aard", "01")])
    MeldingBetrokkene.objects.create(
        melding=melding, betrokkene=BetrokkeneFactory(casus=melding.casus), nieuw_in_casus=True
    )


def _corv(o: Omgeving) -> None:
    bericht = CorvBerichtFactory()
    MeldingFactory(casus=CasusFactory(team=o.team), corv_bericht=bericht)


def _casus(o: Omgeving) -> None:
    CasusFactory(team=o.team)


def _persoon(o: Omgeving) -> None:
    BetrokkeneFactory(casus=CasusFactory(team=o.team))


def _keten(o: Omgeving, soort: str = DienstSoort.ONDERZOEK) -> Dienst:
    """casus → melding → veiligheidsbeoordeling → besluit → dienst, all in the caller's team."""
    instrument = Instrument.objects.order_by("-versie").first() or Instrument.objects.create(
        versie=999, omschrijving="test", gepubliceerd_op=datetime(2026, 1, 1, tzinfo=UTC)
    )
    casus = CasusFactory(team=o.team)
    beoordeling = Veiligheidsbeoordeling.objects.create(
        melding=MeldingFactory(casus=casus),
        instrument=instrument,
        beoordelaar=o.gebruiker,
        gestart_op=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )
    besluit = Besluit.objects.create(
        beoordeling=beoordeling,
        soort="onderzoek",
        motivering="test",
        voorgesteld_door=o.gebruiker,
        voorgesteld_op=datetime(2026, 3, 1, 10, tzinfo=UTC),
        status="bevestigd",
    )
    return Dienst.objects.create(
        casus=casus,
        besluit=besluit,
        soort=soort,
        status="gestart",
        start=date(2026, 3, 2),
        aangemaakt_door=o.gebruiker,
        aangemaakt_op=datetime(2026, 3, 2, tzinfo=UTC),
    )


def _overdracht(o: Omgeving) -> None:
    _keten(o, DienstSoort.OVERDRACHT_NA_VB)


def _monitoring_contact(o: Omgeving) -> None:
    dienst = _keten(o, DienstSoort.MONITOREN)
    MonitoringMoment.objects.create(dienst=dienst, volgnummer=1, gepland_op=date(2026, 4, 1))


def _huisverbod(o: Omgeving) -> None:
    casus = CasusFactory(team=o.team)
    werk_services.huisverbod_opleggen(
        actor=o.gebruiker,
        casus=casus,
        opgelegd_op=datetime(2026, 3, 9, 20, tzinfo=UTC),
        opgelegd_door="burgemeester",
        uithuisgeplaatste=BetrokkeneFactory(casus=casus, rol="vermoedelijk_pleger"),
        beschermden=[BetrokkeneFactory(casus=casus), BetrokkeneFactory(casus=casus)],
    )


def _voorlichting(o: Omgeving) -> None:
    nu = timezone.now()
    Voorlichting.objects.create(
        datum=date(2026, 3, 2),
        onderwerp="Meldcode",
        doelgroep="leerkrachten",
        organisatie="Basisschool",
        deelnemers=20,
        minuten=90,
        gegeven_door=o.gebruiker,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
    )


def _rapport(o: Omgeving) -> None:
    Export.objects.create(
        soort=ExportSoort.JAARVERSLAG,
        periode=str(2000 + next(_teller)),
        aangevraagd_door=o.gebruiker,
        aangevraagd_op=timezone.now() - timedelta(minutes=1),
    )


def _team(o: Omgeving) -> None:
    TeamFactory()


LIJSTEN: dict[str, Callable[[Omgeving], Any]] = {
    "adviezen": _advies,
    "meldingen": _melding,
    "corv-berichten": _corv,
    "casussen": _casus,
    "personen": _persoon,
    "veiligheidsbeoordelingen": _keten,
    "besluiten": _keten,
    "diensten": _keten,
    "overdrachten": _overdracht,
    "monitoring-contacten": _monitoring_contact,
    "huisverboden": _huisverbod,
    "voorlichtingen": _voorlichting,
    "rapporten": _rapport,
    "teams": _team,
}


def _tellen(api: Any, pad: str, verwacht: int) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(pad)
    assert response.status_code == 200, response.content
    body = response.json()
    rijen = body["results"] if isinstance(body, dict) else body
    assert len(rijen) >= verwacht, (pad, len(rijen))
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("resource", list(LIJSTEN))
def test_list_query_count_does_not_grow_with_rows(resource, api_client_maken, vb_team, nu):
    client, api = api_client_maken(perms=RECHTEN, teams=[vb_team])
    omgeving = Omgeving(client.gebruiker, vb_team)
    bouwen = LIJSTEN[resource]
    pad = f"/api/v1/{resource}/"
    for _ in range(WEINIG):
        bouwen(omgeving)
    api.get(pad)  # warm caches (permissions, code lists) outside the counted requests
    weinig = _tellen(api, pad, WEINIG)
    for _ in range(VEEL - WEINIG):
        bouwen(omgeving)
    veel = _tellen(api, pad, VEEL)
    assert len(veel) == len(weinig), "\n".join(veel)


# --- Creating a melding ---------------------------------------------------------------------


def _melding_met_kinderen(kinderen: int) -> dict[str, Any]:
    from zicht.api.tests.conftest import melding_body

    body = melding_body()
    kind = body["personen"][1]
    body["personen"] = [body["personen"][0]] + [
        {**kind, "voornamen": f"Kind{i}", "geboortedatum": str(2010 + i)} for i in range(kinderen)
    ]
    return body


def test_creating_a_melding_costs_one_query_per_extra_person(koppeling):
    """Betrokkenen, relations, tasks and audit rows are written at once: a melding with more
    persons only adds the persons' own inserts."""
    _, api = koppeling
    api.post_json("/api/v1/meldingen/", _melding_met_kinderen(1))  # warm: first-use look-ups
    tellingen = []
    for kinderen in (WEINIG, VEEL):
        with CaptureQueriesContext(connection) as queries:
            response = api.post_json("/api/v1/meldingen/", _melding_met_kinderen(kinderen))
        assert response.status_code == 201, response.content
        assert len(response.json()["betrokkenen"]) == kinderen + 1
        tellingen.append(len(queries.captured_queries))
    assert tellingen[1] - tellingen[0] <= VEEL - WEINIG, tellingen
