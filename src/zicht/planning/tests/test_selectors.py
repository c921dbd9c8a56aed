"""Reads: realised volumes and hours from the registration, hour norms, the risk signals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from zicht.planning import selectors
from zicht.planning.domain.begrippen import Dienst
from zicht.planning.domain.signalen import Niveau, SignaalCode

pytestmark = pytest.mark.django_db


def test_realised_volumes_count_registrations_per_month(referentiedata, django_user_model):
    from zicht.diensten.models_werk import Voorlichting
    from zicht.diensten.tests.werk.bouw import diensten_bouwen
    from zicht.intake.tests.factories import AdviesFactory, MeldingFactory
    from zicht.people.tests.factories import TeamFactory

    MeldingFactory(ontvangen_op=datetime(2019, 1, 15, 9, tzinfo=UTC))
    MeldingFactory(ontvangen_op=datetime(2019, 1, 31, 23, 30, tzinfo=UTC))  # 1 Feb in Amsterdam
    MeldingFactory(ontvangen_op=datetime(2018, 12, 31, 12, tzinfo=UTC))  # another year
    AdviesFactory(ontvangen_op=datetime(2019, 3, 1, 12, tzinfo=UTC))
    gebruiker = django_user_model.objects.create_user("planner")
    team = TeamFactory()
    diensten_bouwen(team=team, n=2, gebruiker=gebruiker, soort="onderzoek", start=date(2019, 4, 2))
    diensten_bouwen(team=team, n=1, gebruiker=gebruiker, soort="monitoren", start=date(2019, 5, 6))
    diensten_bouwen(
        team=team, n=1, gebruiker=gebruiker, soort="rvdk_verzoek", start=date(2019, 5, 6)
    )
    Voorlichting.objects.create(
        datum=date(2019, 6, 3),
        onderwerp="Meldcode",
        doelgroep="huisartsen",
        organisatie="Kring",
        deelnemers=10,
        minuten=60,
        gegeven_door=gebruiker,
        aangemaakt_op=datetime(2019, 6, 3, tzinfo=UTC),
        gewijzigd_op=datetime(2019, 6, 3, tzinfo=UTC),
    )
    volumes = selectors.realisatie_volumes(2019)
    assert volumes == {
        Dienst.ADVIES: {3: 1},
        Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: {1: 1, 2: 1},
        Dienst.ONDERZOEK: {4: 2},
        Dienst.MONITOREN: {5: 1},
        Dienst.VOORLICHTING: {6: 1},
    }
    assert (
        "meldingen" in selectors.REALISATIE_VOLUMES_BRON[Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING]
    )


def test_no_registrations_means_no_data_not_zero(referentiedata):
    assert selectors.realisatie_volumes(2019) == {}
    assert selectors.realisatie_uren(2019) == {}


def test_hour_norms_for_diensten_come_from_the_parameters(referentiedata):
    from decimal import Decimal

    normen = selectors.urennormen(2019)
    rijen = selectors.parameter_rijen(selectors.parameterset_huidig(2019))
    assert normen["onderzoek"] == Decimal(rijen["urennorm.onderzoek"].waarde)
    assert set(normen) == {d.value for d in Dienst}
    assert selectors.urennormen(2031) == normen  # no parameters yet: the latest earlier year


INSTROOM = [
    # (casussen in January 2019, level): plan midden 4,430 × 22/254 = 383.7, hoog 392.9
    (385, Niveau.GROEN),  # within the 2% margin
    (392, Niveau.ORANJE),  # above plan + 2% (391.4), not above hoog
    (400, Niveau.ROOD),  # above scenario hoog
]


@pytest.mark.parametrize(("aantal", "niveau"), INSTROOM)
def test_inflow_signal_from_the_volume_seam(referentiedata, monkeypatch, aantal, niveau):
    volumes = {Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: {1: aantal, 2: 999}}
    monkeypatch.setattr(selectors, "realisatie_volumes", lambda jaar: volumes)
    stand = selectors.risico_signalen(2019, vandaag=date(2019, 2, 10))
    assert stand.tot_en_met == 1
    instroom = stand.signalen[SignaalCode.INSTROOM]
    assert instroom.niveau is niveau
    assert f"{aantal} gerealiseerd" in instroom.toelichting
    assert stand.signalen[SignaalCode.WACHTLIJST].niveau is Niveau.GEEN_DATA


def test_signals_before_and_after_the_year(referentiedata):
    assert selectors.risico_signalen(2019, vandaag=date(2018, 6, 1)).tot_en_met == 0
    na = selectors.risico_signalen(2019, vandaag=date(2024, 6, 1))
    assert na.tot_en_met == 12
    assert na.signalen[SignaalCode.INSTROOM].niveau is Niveau.GEEN_DATA  # no casussen in 2019
