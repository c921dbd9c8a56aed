"""Factories for casework (factory_boy). Reused by demo data and benchmarks: plain rows, no
rules. Use the services when a test is about the rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import factory
from factory.django import DjangoModelFactory

from zicht.casework.models import (
    Betrokkene,
    Casus,
    CasusMedewerker,
    CasusStatus,
    JournaalItem,
    Taak,
    TaakOpschorting,
    TaakVerlenging,
)
from zicht.people.tests.factories import (
    GemeenteFactory,
    PersoonFactory,
    TeamFactory,
    UserFactory,
)

__all__ = [
    "BetrokkeneFactory",
    "CasusFactory",
    "CasusMedewerkerFactory",
    "GemeenteFactory",
    "JournaalItemFactory",
    "PersoonFactory",
    "TaakFactory",
    "TaakOpschortingFactory",
    "TaakVerlengingFactory",
    "TeamFactory",
    "UserFactory",
]

GEOPEND = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class CasusFactory(DjangoModelFactory):
    class Meta:
        model = Casus

    class Params:
        gesloten = factory.Trait(
            status=CasusStatus.GESLOTEN,
            gesloten_op=factory.LazyAttribute(lambda o: o.geopend_op + timedelta(days=90)),
        )

    nummer = factory.Sequence(lambda n: f"2026-{n + 1:06d}")
    team = factory.SubFactory(TeamFactory)
    status = CasusStatus.OPEN
    geopend_op = factory.Sequence(lambda n: GEOPEND + timedelta(minutes=n))
    gemeente = factory.SubFactory(GemeenteFactory)


class CasusMedewerkerFactory(DjangoModelFactory):
    class Meta:
        model = CasusMedewerker

    casus = factory.SubFactory(CasusFactory)
    user = factory.SubFactory(UserFactory)
    rol = "casemanager"
    van = date(2026, 1, 1)


class BetrokkeneFactory(DjangoModelFactory):
    class Meta:
        model = Betrokkene

    casus = factory.SubFactory(CasusFactory)
    persoon = factory.SubFactory(PersoonFactory)
    rol = "vermoedelijk_slachtoffer"


class JournaalItemFactory(DjangoModelFactory):
    class Meta:
        model = JournaalItem

    casus = factory.SubFactory(CasusFactory)
    soort = "gesprek"
    auteur = factory.SubFactory(UserFactory)
    moment = factory.Sequence(lambda n: GEOPEND + timedelta(hours=n + 1))
    vastgelegd_op = factory.LazyAttribute(lambda o: o.moment + timedelta(minutes=30))
    tekst = factory.Faker("paragraph", locale="nl_NL")


class TaakFactory(DjangoModelFactory):
    class Meta:
        model = Taak

    casus = factory.SubFactory(CasusFactory)
    omschrijving = factory.Sequence(lambda n: f"Taak {n}")
    start = date(2026, 3, 2)
    oorspronkelijke_deadline = date(2026, 3, 16)
    deadline = factory.SelfAttribute("oorspronkelijke_deadline")
    aangemaakt_door = factory.SubFactory(UserFactory)


class TaakOpschortingFactory(DjangoModelFactory):
    class Meta:
        model = TaakOpschorting

    taak = factory.SubFactory(TaakFactory)
    van = date(2026, 3, 3)
    tot = date(2026, 3, 4)
    reden = "wachten op informatie"
    door = factory.SubFactory(UserFactory)


class TaakVerlengingFactory(DjangoModelFactory):
    class Meta:
        model = TaakVerlenging

    taak = factory.SubFactory(TaakFactory)
    aantal = 2
    eenheid = "werkdagen"
    reden = "gezin op vakantie"
    door = factory.SubFactory(UserFactory)
