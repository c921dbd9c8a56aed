"""Factories for people (factory_boy). Reused by casework tests, demo data and benchmarks.

Derived columns (blocking keys, birth-date interval) are filled by ``Persoon.save()``; when you
``bulk_create`` built instances, call ``afgeleide_velden_bijwerken()`` on each first.
"""

from __future__ import annotations

import random
from datetime import date

import factory
from factory.django import DjangoModelFactory

from zicht.accounts.models import Team, User
from zicht.people.domain.bsn import generate_bsn
from zicht.people.models import Adres, Gemeente, Geslacht, Gezag, Persoon, Relatie

_rng = random.Random(20260315)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Team {n}")
    actief = True


class UserFactory(DjangoModelFactory):
    """A plain user without roles; use the ``make_user`` fixture for users with permissions."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("Een-lang-testwachtwoord-1")


class GemeenteFactory(DjangoModelFactory):
    """The gemeenten are loaded by a data migration; this returns the loaded row."""

    class Meta:
        model = Gemeente
        django_get_or_create = ("cbs_code",)

    cbs_code = "GM0361"
    naam = "Alkmaar"
    subregio = "Alkmaar"


class PersoonFactory(DjangoModelFactory):
    class Meta:
        model = Persoon

    class Params:
        # trait: an unborn child expected in four months of the reference date 2026-03-15
        is_ongeboren = factory.Trait(
            ongeboren=True,
            geboortedatum_jaar=None,
            geboortedatum_maand=None,
            geboortedatum_dag=None,
            verwachte_geboortedatum=date(2026, 7, 15),
            bsn="",
        )
        # trait: birth year only
        alleen_jaar = factory.Trait(geboortedatum_maand=None, geboortedatum_dag=None)
        zonder_bsn = factory.Trait(bsn="")

    bsn = factory.LazyFunction(lambda: generate_bsn(_rng).waarde)
    voornamen = factory.Faker("first_name", locale="nl_NL")
    tussenvoegsel = ""
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum_jaar = factory.Faker("pyint", min_value=1960, max_value=2015)
    geboortedatum_maand = factory.Faker("pyint", min_value=1, max_value=12)
    geboortedatum_dag = factory.Faker("pyint", min_value=1, max_value=28)
    geslacht = factory.Iterator([Geslacht.VROUW, Geslacht.MAN])
    gemeente = factory.SubFactory(GemeenteFactory)


class AdresFactory(DjangoModelFactory):
    class Meta:
        model = Adres

    class Params:
        is_geheim = factory.Trait(geheim=True, straat="Opvangweg", huisnummer="1")

    persoon = factory.SubFactory(PersoonFactory)
    straat = factory.Faker("street_name", locale="nl_NL")
    huisnummer = factory.Faker("building_number", locale="nl_NL")
    postcode = "1811 AB"
    woonplaats = "Alkmaar"
    gemeente = factory.SubFactory(GemeenteFactory)
    geldig_van = date(2020, 1, 1)


class RelatieFactory(DjangoModelFactory):
    class Meta:
        model = Relatie

    persoon_a = factory.SubFactory(PersoonFactory)
    persoon_b = factory.SubFactory(PersoonFactory)
    soort = "partner"


class GezagFactory(DjangoModelFactory):
    class Meta:
        model = Gezag

    kind = factory.SubFactory(PersoonFactory)
    gezaghebbende = factory.SubFactory(PersoonFactory)
    soort = "ouderlijk_gezag"
    van = date(2015, 1, 1)
