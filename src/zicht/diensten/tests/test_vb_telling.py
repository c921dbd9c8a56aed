"""The per-team, per-day counter of VB decisions (``VbTermijnTelling``): kept by confirming a
besluit, rebuilt from the assessment rows, and read by the team leader's on-time figures."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from zicht.accounts.permissions import Perm
from zicht.assessment import selectors, services
from zicht.assessment.models import VbTermijnTelling, Veiligheidsbeoordeling
from zicht.assessment.tests.conftest import NU, STRUCTUREEL
from zicht.casework.tests.factories import TeamFactory
from zicht.diensten.services import besluit_bevestigen
from zicht.intake.services import PersoonInvoer, melding_register
from zicht.intake.tests.test_services_melding import invoer

pytestmark = pytest.mark.django_db

#: Monday 16 March 2026: within the VB term of a melding received Tuesday 10 March.
MAANDAG = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
#: Wednesday 18 March 2026: a day after the term.
WOENSDAG = datetime(2026, 3, 18, 9, 0, tzinfo=UTC)


def _besluit(melding, voorsteller, collega, nu, reden=""):
    besluit = services.besluit_voorstellen(
        actor=voorsteller,
        melding=melding,
        soort="voorwaarden_en_vervolg",
        antwoorden=STRUCTUREEL,
        motivering="Structurele zorgen; gezin erkent de zorgen.",
        nu=NU,
    )
    besluit_bevestigen(
        actor=collega,
        besluit=besluit,
        expected_version=Veiligheidsbeoordeling.objects.get(melding=melding).version,
        reden_te_laat=reden,
        nu=nu,
    )


def _nog_een(medewerker, achternaam):
    """Another melding (another household, without BSN) received with the first one."""
    personen = [PersoonInvoer(rol="slachtoffer", voornamen="Bo", achternaam=achternaam)]
    nieuw = invoer(personen=personen, aarden=["01"])
    return melding_register(actor=medewerker, invoer=nieuw, nu=NU).object


def _tellingen():
    return sorted(
        VbTermijnTelling.objects.values_list("team__naam", "datum", "besloten", "op_tijd")
    )


def test_confirming_counts_per_team_and_day(melding, medewerker, voorsteller, collega):
    # Given two meldingen of the VB team, a third decided on another day
    tweede = _nog_een(medewerker, "Visser")
    derde = _nog_een(medewerker, "Smit")
    # When two are confirmed on Monday (on time) and one on Wednesday (late)
    _besluit(melding, voorsteller, collega, MAANDAG)
    _besluit(tweede, voorsteller, collega, MAANDAG)
    _besluit(derde, voorsteller, collega, WOENSDAG, reden="Ziekte in het team.")
    # Then the counter holds one row per team and day
    team = melding.casus.team.naam
    assert _tellingen() == [
        (team, date(2026, 3, 16), 2, 2),
        (team, date(2026, 3, 18), 1, 0),
    ]
    # ... and rebuilding it from the assessment rows gives the same
    VbTermijnTelling.objects.all().delete()
    assert services.vb_tellingen_herberekenen() == 2
    assert _tellingen() == [
        (team, date(2026, 3, 16), 2, 2),
        (team, date(2026, 3, 18), 1, 0),
    ]


def test_team_leader_share_comes_from_the_counters_of_own_teams(
    make_user, melding, medewerker, voorsteller, collega
):
    tweede = _nog_een(medewerker, "Visser")
    _besluit(melding, voorsteller, collega, MAANDAG)
    _besluit(tweede, voorsteller, collega, WOENSDAG, reden="Ziekte in het team.")
    # Another team's decisions (a counter row of its own) never count for this team
    ander = TeamFactory(naam="Ander team")
    VbTermijnTelling.objects.create(team=ander, datum=date(2026, 3, 16), besloten=7, op_tijd=7)
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=UTC), tick=False):
        overzicht = selectors.termijnoverzicht(voorsteller)
    maart = next(p for p in overzicht.maanden if p.start == date(2026, 3, 1))
    assert (maart.besloten, maart.op_tijd, maart.aandeel) == (2, 1, 50)
    week = next(p for p in overzicht.weken if p.start == date(2026, 3, 16))
    assert (week.besloten, week.op_tijd) == (2, 1)
    # A member of only the other team sees only its counts
    buiten = make_user("buiten", perms=(Perm.CASUS_INZIEN, Perm.WERKVOORRAAD_INZIEN), teams=[ander])
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=UTC), tick=False):
        maart_ander = next(
            p for p in selectors.termijnoverzicht(buiten).maanden if p.start == date(2026, 3, 1)
        )
    assert (maart_ander.besloten, maart_ander.op_tijd) == (7, 7)
