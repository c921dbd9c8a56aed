"""The work-steering part of the demo data (issue #6, items 5–8): real database."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Q

from zicht.accounts.models import User
from zicht.demo.generator import STAPPEN, DemoOptions, generate
from zicht.diensten.models import Dienst
from zicht.diensten.models_werk import (
    DienstBehandeling,
    Huisverbod,
    HuisverbodVerlenging,
    Tijdregel,
    Toewijzing,
    Voorlichting,
)
from zicht.diensten.selectors_werk import mijn_werk, werkverdeling
from zicht.planning.selectors import realisatie_uren

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 1, 15)


def _genereer(seed: int = 7) -> list[str]:
    opties = DemoOptions.create(
        seed=seed, vanaf=date(2025, 1, 1), tot=date(2025, 12, 31), schaal=0.3, vandaag=VANDAAG
    )
    return generate(opties, vandaag=VANDAAG)


def _stand():
    return (
        list(
            # users by name: on PostgreSQL a rolled-back run still advances their id sequence
            DienstBehandeling.objects.order_by("dienst_id").values_list(
                "dienst_id", "behandelaar__username"
            )
        ),
        list(
            Huisverbod.objects.order_by("pk").values_list(
                "casus_id", "opgelegd_op", "einde", "status"
            )
        ),
        Tijdregel.objects.count(),
        list(Voorlichting.objects.order_by("pk").values_list("datum", "deelnemers")),
    )


def test_demo_has_bans_sessions_hours_and_a_waiting_list():
    assert [s.naam for s in STAPPEN][-2:] == ["werk", "koppeling"]
    _genereer()
    # Huisverboden: running and ended, some extended, none past 4 weeks.
    verboden = list(Huisverbod.objects.all())
    assert len(verboden) >= 10
    statussen = {h.status for h in verboden}
    assert {"afgelopen"} <= statussen
    assert statussen & {"lopend", "verlengd"}
    assert HuisverbodVerlenging.objects.exists()
    for h in verboden:
        assert (h.einde - h.opgelegd_op.date()).days <= 28 + 1
        assert h.beschermden.exists()
    # Voorlichtingen: about 104 a year × 0.3.
    assert 20 <= Voorlichting.objects.count() <= 45
    # Hours per service per month, for past months.
    uren = realisatie_uren(2025)
    assert {"onderzoek", "voorwaarden_en_vervolg", "voorlichting"} <= {d.value for d in uren}
    assert len(uren[next(d for d in uren if d.value == "onderzoek")]) >= 6
    assert not Tijdregel.objects.filter(datum__gt=date(2025, 12, 31)).exists()
    assert Tijdregel.objects.filter(corrigeert__isnull=False).exists()
    # Assigned and unassigned open diensten; every assignment has its history row.
    open_ = Dienst.objects.filter(status="gestart")
    toegewezen = open_.filter(behandeling__behandelaar__isnull=False).count()
    wachtend = open_.filter(Q(behandeling__isnull=True) | Q(behandeling__behandelaar__isnull=True))
    assert toegewezen > 0
    assert wachtend.count() > 0
    assert len({d.start for d in wachtend}) > 5  # of various ages
    assert Toewijzing.objects.count() == toegewezen
    # The pages' selectors work on the demo organisation.
    leider = next(u for u in User.objects.all() if u.has_perm("accounts.werk_verdelen"))
    team = leider.teams.first()
    bord = werkverdeling(leider, team, urennormen={"onderzoek": 1}, op=VANDAAG)
    assert bord.leden
    behandelaar = DienstBehandeling.objects.filter(behandelaar__isnull=False).first().behandelaar
    assert mijn_werk(behandelaar, op=VANDAAG).items


def _run_and_roll_back(seed: int):
    from django.db import transaction

    with transaction.atomic():
        _genereer(seed=seed)
        stand = _stand()
        transaction.set_rollback(True)
    return stand


def test_demo_werk_is_deterministic():
    eerste = _run_and_roll_back(11)
    assert eerste[0]
    assert eerste == _run_and_roll_back(11)


def test_demo_years_have_planning_parameters_for_the_realisation():
    from zicht.planning.models import Parameterset

    _genereer()
    jaren = set(Parameterset.objects.values_list("jaar", flat=True))
    assert {2019, 2025} <= jaren
