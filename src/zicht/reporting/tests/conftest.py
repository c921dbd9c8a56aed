"""A small hand-built organisation for the reporting tests: rows created directly (plain
factories), so that every expected count in a test is worked out by hand from the list
below — never by the code under test."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from zicht.accounts.permissions import Perm
from zicht.assessment.models import Besluit, Instrument, Veiligheidsbeoordeling
from zicht.casework.models import Betrokkene, Casus
from zicht.casework.tests.factories import CasusFactory, PersoonFactory, TaakFactory, TeamFactory
from zicht.diensten.models import Dienst, OnderzoekConclusie
from zicht.intake.models import Advies, Code, Melder, Melding, MeldingBetrokkene
from zicht.people.models import Gemeente

AMS = ZoneInfo("Europe/Amsterdam")
#: "Today" in the tests: Wednesday 15 January 2020 (2019 is fully in the past).
VANDAAG = date(2020, 1, 15)
BEHEER = (Perm.RAPPORTAGE_INZIEN, Perm.CBS_AANLEVEREN)


@pytest.fixture
def nu():
    with time_machine.travel(datetime(2020, 1, 15, 9, 0, tzinfo=UTC), tick=False):
        yield


def code(lijst: str, waarde: str) -> Code:
    return Code.objects.get(lijst=lijst, code=waarde)


def moment(d: date, uur: int = 10) -> datetime:
    return datetime.combine(d, time(uur), tzinfo=AMS)


@dataclass
class Bouwer:
    """Creates rows of the organisation, one call per thing."""

    team: object
    user: object

    def advies(
        self,
        d: date,
        *,
        hoedanigheid: str = "02",
        aarden: tuple[str, ...] = ("01",),
        aanleidingen: tuple[str, ...] = ("01",),
    ) -> Advies:
        lijst = (
            "hoedanigheid_beroepsmatig"
            if int(hoedanigheid) < 30
            else "hoedanigheid_niet_beroepsmatig"
        )
        melder = Melder.objects.create(hoedanigheid=code(lijst, hoedanigheid), naam="Vraagsteller")
        a = Advies.objects.create(
            ontvangen_op=moment(d),
            kanaal="telefoon",
            adviesvrager=melder,
            vraag="v",
            gegeven_advies="a",
            duur_minuten=5,
            geregistreerd_door=self.user,
            geregistreerd_op=moment(d),
            formulier_token=uuid.uuid4(),
        )
        a.aarden.set([code("aard", c) for c in aarden])
        a.aanleidingen.set([code("aanleiding", c) for c in aanleidingen])
        return a

    def casus(self, gemeente: str | None) -> Casus:
        return CasusFactory(
            team=self.team, gemeente=Gemeente.objects.get(cbs_code=gemeente) if gemeente else None
        )

    def melding(
        self,
        casus: Casus,
        ontvangen: date,
        *,
        hoedanigheid: str = "01",
        aarden: tuple[str, ...] = ("01",),
        aanleidingen: tuple[str, ...] = ("01",),
        besloten: date | None = None,
        op_tijd: bool = True,
        besluit: str = "onderzoek",
        personen: tuple[dict, ...] = ({"rol": "slachtoffer"},),
        soort_cbs: str = "eerste_melding",
        gestart: date | None = None,
    ) -> Melding:
        lijst = (
            "hoedanigheid_beroepsmatig"
            if int(hoedanigheid) < 30
            else "hoedanigheid_niet_beroepsmatig"
        )
        melder = Melder.objects.create(
            hoedanigheid=code(lijst, hoedanigheid), naam="Meldernaam Jansen"
        )
        taak = TaakFactory(
            casus=casus, start=ontvangen, oorspronkelijke_deadline=ontvangen + timedelta(days=7)
        )
        m = Melding.objects.create(
            casus=casus,
            ontvangen_op=moment(ontvangen),
            kanaal="telefoon",
            melder=melder,
            signalen="s",
            soort_cbs=soort_cbs,
            nieuwe_casus=True,
            status="besloten" if besloten else "nieuw",
            vb_taak=taak,
            geregistreerd_door=self.user,
            geregistreerd_op=moment(ontvangen),
            formulier_token=uuid.uuid4(),
        )
        m.aarden.set([code("aard", c) for c in aarden])
        m.aanleidingen.set([code("aanleiding", c) for c in aanleidingen])
        for p in personen:
            leeg = p.get("ongeboren") or p.get("onbekend")
            persoon = PersoonFactory(
                bsn=p.get("bsn", ""),
                geslacht=p.get("geslacht", "V"),
                geboortedatum_jaar=None if leeg else p.get("jaar", 1990),
                geboortedatum_maand=None if leeg else p.get("maand", 5),
                geboortedatum_dag=None if leeg or p.get("maand", 5) is None else p.get("dag", 17),
                ongeboren=p.get("ongeboren", False),
            )
            b = Betrokkene.objects.create(casus=casus, persoon=persoon, rol=p["rol"])
            MeldingBetrokkene.objects.create(melding=m, betrokkene=b, nieuw_in_casus=True)
        if besloten or gestart:
            vb = Veiligheidsbeoordeling.objects.create(
                melding=m,
                instrument=Instrument.objects.order_by("versie").first(),
                beoordelaar=self.user,
                status="besloten" if besloten else "open",
                gestart_op=moment(gestart or besloten, 9),
                besloten_op=moment(besloten, 15) if besloten else None,
                besloten_datum=besloten,
                op_tijd=op_tijd if besloten else None,
            )
            if besloten and besluit:
                Besluit.objects.create(
                    beoordeling=vb,
                    soort=besluit,
                    motivering="m",
                    voorgesteld_door=self.user,
                    voorgesteld_op=moment(besloten, 11),
                    status="bevestigd",
                    beoordeeld_door=self.collega(),
                    beoordeeld_op=moment(besloten, 15),
                )
        return m

    def collega(self):
        from zicht.casework.tests.factories import UserFactory

        return UserFactory(username="collega-rapportage")

    def dienst(
        self,
        melding: Melding,
        soort: str,
        *,
        start: date,
        deadline: date | None = None,
        einde: date | None = None,
        taak_deadline: date | None = None,
        conclusies: tuple[tuple[str, str, str], ...] = (),
    ) -> Dienst:
        besluit = Besluit.objects.get(beoordeling__melding=melding, status="bevestigd")
        taak = None
        if taak_deadline:
            taak = TaakFactory(
                casus=melding.casus,
                start=start,
                oorspronkelijke_deadline=deadline or taak_deadline,
                deadline=taak_deadline,
            )
        d = Dienst.objects.create(
            casus=melding.casus,
            besluit=besluit,
            soort=soort,
            status="afgerond" if einde else "gestart",
            start=start,
            deadline=deadline,
            einde=einde,
            taak=taak,
            aangemaakt_door=self.user,
            aangemaakt_op=moment(start),
        )
        for aard, conclusie, uitkomst in conclusies:
            OnderzoekConclusie.objects.create(
                dienst=d,
                aard=aard,
                conclusie=conclusie,
                kind=False,
                uitkomst=uitkomst,
                vastgelegd_door=self.user,
                vastgelegd_op=moment(einde or start),
            )
        return d


@pytest.fixture
def bouw(db, make_user):
    team = TeamFactory(naam="Team Rapportage")
    return Bouwer(team=team, user=make_user("registrator"))


@pytest.fixture
def beheerder(make_user):
    return make_user("controller", perms=BEHEER)


@pytest.fixture
def gemeente_hoorn(make_user):
    return make_user("hoorn", perms=(Perm.GEMEENTE_RAPPORTAGE,), gemeente_code="GM0405")


@pytest.fixture(autouse=True)
def eigen_bestanden(settings, tmp_path):
    """Every test writes its export files in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "bestanden"
