"""Factories for intake rows (factory_boy): plain rows for lists and benchmarks, no rules.
Use ``intake.services`` when a test is about the rules."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import factory
from factory.django import DjangoModelFactory

from zicht.casework.tests.factories import CasusFactory, TaakFactory, UserFactory
from zicht.intake.models import Advies, Code, CorvBericht, Melder, Melding

ONTVANGEN = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)


def code(lijst: str, waarde: str) -> Code:
    return Code.objects.get(lijst=lijst, code=waarde)


class MelderFactory(DjangoModelFactory):
    class Meta:
        model = Melder

    hoedanigheid = factory.LazyFunction(lambda: code("hoedanigheid_beroepsmatig", "02"))
    naam = "Dr. Huisarts"
    organisatie = "Huisartsenpraktijk"
    telefoon = "072-0000000"


class MeldingFactory(DjangoModelFactory):
    """A new melding in a casus, with its VB task (deadline 5 days after receipt)."""

    class Meta:
        model = Melding
        skip_postgeneration_save = True

    class Params:
        is_acuut = factory.Trait(
            acuut=True,
            acuut_uiterlijk=factory.LazyAttribute(lambda o: o.ontvangen_op + timedelta(hours=24)),
        )

    casus = factory.SubFactory(CasusFactory)
    ontvangen_op = factory.Sequence(lambda n: ONTVANGEN + timedelta(minutes=n))
    kanaal = "telefoon"
    melder = factory.SubFactory(MelderFactory)
    signalen = "Signalen."
    soort_cbs = "eerste_melding"
    nieuwe_casus = True
    geregistreerd_door = factory.SubFactory(UserFactory)
    geregistreerd_op = factory.LazyAttribute(lambda o: o.ontvangen_op)
    formulier_token = factory.LazyFunction(uuid.uuid4)
    vb_taak = factory.LazyAttribute(
        lambda o: TaakFactory(
            casus=o.casus,
            omschrijving="Besluit veiligheidsbeoordeling",
            termijn_code="vb_besluit",
            start=o.ontvangen_op.date(),
            oorspronkelijke_deadline=o.ontvangen_op.date() + timedelta(days=7),
            deadline=o.ontvangen_op.date() + timedelta(days=7),
        )
    )

    @factory.post_generation
    def aanleidingen(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.aanleidingen.set([code("aanleiding", "01")])


class AdviesFactory(DjangoModelFactory):
    class Meta:
        model = Advies

    ontvangen_op = factory.Sequence(lambda n: ONTVANGEN + timedelta(minutes=n))
    kanaal = "telefoon"
    adviesvrager = factory.SubFactory(MelderFactory)
    vraag = "Vraag."
    gegeven_advies = "Advies."
    duur_minuten = 10
    geregistreerd_door = factory.SubFactory(UserFactory)
    geregistreerd_op = factory.LazyAttribute(lambda o: o.ontvangen_op)
    formulier_token = factory.LazyFunction(uuid.uuid4)


class CorvBerichtFactory(DjangoModelFactory):
    class Meta:
        model = CorvBericht

    bericht_id = factory.Sequence(lambda n: f"ZM-TEST-{n:06d}")
    ontvangen_op = factory.Sequence(lambda n: ONTVANGEN + timedelta(minutes=n))
    verzonden_op = factory.LazyAttribute(lambda o: o.ontvangen_op)
    politie_eenheid = "Eenheid Noord-Holland"
    inhoud = factory.LazyAttribute(lambda o: {"bericht_id": o.bericht_id})


__all__ = [
    "AdviesFactory",
    "CorvBerichtFactory",
    "MelderFactory",
    "MeldingFactory",
    "code",
]
