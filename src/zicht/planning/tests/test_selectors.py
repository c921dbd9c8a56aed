"""Reads: the realised-volume seam (proxy: casussen per month) and the risk signals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from zicht.casework.tests.factories import CasusFactory
from zicht.planning import selectors
from zicht.planning.domain.begrippen import Dienst
from zicht.planning.domain.signalen import Niveau, SignaalCode

pytestmark = pytest.mark.django_db


def test_realised_volumes_count_casussen_per_month_as_a_proxy(referentiedata):
    CasusFactory(geopend_op=datetime(2019, 1, 15, 9, tzinfo=UTC))
    CasusFactory(geopend_op=datetime(2019, 1, 31, 23, 30, tzinfo=UTC))  # 1 Feb in Amsterdam
    CasusFactory(geopend_op=datetime(2019, 3, 1, 12, tzinfo=UTC))
    CasusFactory(geopend_op=datetime(2018, 12, 31, 12, tzinfo=UTC))  # another year
    volumes = selectors.realisatie_volumes(2019)
    assert volumes == {Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: {1: 1, 2: 1, 3: 1}}
    assert (
        "benadering" in selectors.REALISATIE_VOLUMES_BRON[Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING]
    )


def test_no_casussen_means_no_data_not_zero(referentiedata):
    assert selectors.realisatie_volumes(2019) == {}
    assert selectors.realisatie_uren(2019) == {}


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
