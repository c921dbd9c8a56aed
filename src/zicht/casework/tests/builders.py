"""Builds a household of a given size, for query-count tests and demo-like fixtures."""

from __future__ import annotations

from datetime import date

from zicht.casework.tests.factories import (
    BetrokkeneFactory,
    CasusMedewerkerFactory,
    JournaalItemFactory,
    TaakFactory,
    TaakOpschortingFactory,
    TaakVerlengingFactory,
)
from zicht.people.tests.factories import AdresFactory, GezagFactory, PersoonFactory, RelatieFactory


def huishouden(casus, *, kinderen: int, journaal: int, taken: int, bijlage_per_item=None):
    """A casus with two parents, ``kinderen`` children (with relations and gezag), addresses
    (one secret), ``journaal`` items and ``taken`` open tasks with history."""
    moeder = PersoonFactory(geboortedatum_jaar=1985)
    vader = PersoonFactory(geboortedatum_jaar=1983)
    BetrokkeneFactory(casus=casus, persoon=moeder, rol="vermoedelijk_slachtoffer")
    BetrokkeneFactory(casus=casus, persoon=vader, rol="vermoedelijk_pleger")
    AdresFactory(persoon=moeder, is_geheim=True, geldig_van=date(2026, 1, 1))
    AdresFactory(persoon=vader)
    RelatieFactory(persoon_a=moeder, persoon_b=vader, soort="ex_partner")
    for _ in range(kinderen):
        kind = PersoonFactory(geboortedatum_jaar=2015)
        BetrokkeneFactory(casus=casus, persoon=kind, rol="kind")
        AdresFactory(persoon=kind)
        RelatieFactory(persoon_a=moeder, persoon_b=kind, soort="ouder_kind")
        RelatieFactory(persoon_a=vader, persoon_b=kind, soort="ouder_kind")
        GezagFactory(kind=kind, gezaghebbende=moeder)
        GezagFactory(kind=kind, gezaghebbende=vader)
    CasusMedewerkerFactory(casus=casus)
    for _ in range(journaal):
        item = JournaalItemFactory(casus=casus)
        if bijlage_per_item:
            bijlage_per_item(item)
    for _ in range(taken):
        taak = TaakFactory(casus=casus)
        TaakOpschortingFactory(taak=taak)
        TaakVerlengingFactory(taak=taak)
    return moeder, vader
