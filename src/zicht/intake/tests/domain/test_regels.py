"""The cross-field rules of advies and melding (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from zicht.intake.domain.regels import (
    Kanaal,
    PersoonFeiten,
    RelatieKeuze,
    adviesvrager_regels,
    is_minderjarig,
    is_volwassen,
    melder_regels,
    melding_regels,
    ontvangst_regels,
    personen_regels,
)
from zicht.people.domain.dates import PartialDate

NU = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
OP = date(2026, 3, 10)


# -- receipt ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kanaal", "ontvangen", "fout"),
    [
        # a call taken a quarter of an hour ago: fine
        ("telefoon", NU - timedelta(minutes=15), None),
        # four minutes ahead: clock skew is tolerated
        ("telefoon", NU + timedelta(minutes=4), None),
        # two hours ahead: in the future
        ("telefoon", NU + timedelta(hours=2), "toekomst"),
        # a letter received last week: post may be registered later
        ("post", NU - timedelta(days=7), None),
        # a CORV report of three days ago: also fine
        ("politie_corv", NU - timedelta(days=3), None),
        # a chat of two days ago: a direct channel is registered during the contact
        ("chat", NU - timedelta(days=2), "post en politie"),
        # post in the future is still in the future
        ("post", NU + timedelta(days=1), "toekomst"),
        # an unknown channel
        ("fax", NU, "Kies een kanaal"),
    ],
)
def test_ontvangst(kanaal, ontvangen, fout):
    errors = ontvangst_regels(kanaal=kanaal, ontvangen_op=ontvangen, nu=NU)
    if fout is None:
        assert errors == {}
    else:
        assert fout in " ".join(m for ms in errors.values() for m in ms)


def test_only_post_and_corv_may_arrive_earlier():
    assert {k for k in Kanaal if k.ontvangst_later} == {Kanaal.POST, Kanaal.POLITIE_CORV}


# -- melder and adviesvrager ------------------------------------------------------------------
def test_melder_identifies_himself():
    errors = melder_regels(
        hoedanigheid="08", beroepsmatig=True, naam="", organisatie="", telefoon="", email=""
    )
    assert set(errors) == {"naam", "telefoon", "organisatie"}


def test_melder_email_is_enough_contact():
    assert (
        melder_regels(
            hoedanigheid="35",
            beroepsmatig=False,
            naam="B. Buur",
            organisatie="",
            telefoon="",
            email="b@example.org",
        )
        == {}
    )


def test_vt_itself_needs_no_contact_details():
    assert (
        melder_regels(
            hoedanigheid="14", beroepsmatig=True, naam="", organisatie="", telefoon="", email=""
        )
        == {}
    )


def test_melder_without_hoedanigheid():
    errors = melder_regels(
        hoedanigheid="", beroepsmatig=False, naam="X", organisatie="", telefoon="1", email=""
    )
    assert set(errors) == {"hoedanigheid"}


@pytest.mark.parametrize(
    ("anoniem", "beroepsmatig", "naam", "organisatie", "telefoon", "velden"),
    [
        # anonymous citizen: nothing needed
        (True, False, "", "", "", set()),
        # anonymous but a name typed: contradiction
        (True, False, "Piet", "", "", {"anoniem"}),
        # anonymous professional still names the organisation
        (True, True, "", "", "", {"organisatie"}),
        (True, True, "", "School", "", set()),
        # not anonymous: a name and a way to reach
        (False, False, "", "", "", {"naam", "telefoon"}),
        (False, False, "Piet", "", "06", set()),
    ],
)
def test_adviesvrager(anoniem, beroepsmatig, naam, organisatie, telefoon, velden):
    errors = adviesvrager_regels(
        anoniem=anoniem,
        beroepsmatig=beroepsmatig,
        naam=naam,
        organisatie=organisatie,
        telefoon=telefoon,
        email="",
    )
    assert set(errors) == velden


# -- persons ----------------------------------------------------------------------------------
def test_age_rules():
    kind = PersoonFeiten(rol="slachtoffer", geboortedatum=PartialDate(2010, 1, 1))
    volwassen = PersoonFeiten(rol="slachtoffer", geboortedatum=PartialDate(1990))
    onbekend = PersoonFeiten(rol="pleger")
    # born in 2008 (year only): possibly 17, possibly 18 on 10-03-2026 → both
    grens = PersoonFeiten(rol="getuige", geboortedatum=PartialDate(2008))
    assert is_minderjarig(kind, op=OP)
    assert not is_volwassen(kind, op=OP)
    assert is_volwassen(volwassen, op=OP)
    assert not is_minderjarig(volwassen, op=OP)
    assert is_volwassen(onbekend, op=OP)
    assert not is_minderjarig(onbekend, op=OP)
    assert is_volwassen(grens, op=OP)
    assert is_minderjarig(grens, op=OP)
    assert is_minderjarig(PersoonFeiten(rol="kind"), op=OP)
    assert not is_volwassen(PersoonFeiten(rol="overig", ongeboren=True), op=OP)
    # 29 February: adult on 28 February 18 years later
    schrikkel = PersoonFeiten(rol="overig", geboortedatum=PartialDate(2008, 2, 29))
    assert is_volwassen(schrikkel, op=date(2026, 2, 28))


def test_at_least_one_person_and_one_victim_or_child():
    assert "personen" in personen_regels([])
    assert "personen" in personen_regels([PersoonFeiten(rol="pleger")])
    assert personen_regels([PersoonFeiten(rol="kind")]) == {}


@pytest.mark.parametrize(
    ("ouder", "kind", "fout"),
    [
        # parent 1985, child 2015: fine
        (PartialDate(1985), PartialDate(2015), False),
        # parent 2015, child 1985: the child is certainly older
        (PartialDate(2015), PartialDate(1985), True),
        # same year, unknown days: could be either way — not refused
        (PartialDate(2000), PartialDate(2000, 6), False),
        # no birth date of the parent: nothing to compare
        (None, PartialDate(2000), False),
    ],
)
def test_child_not_older_than_parent(ouder, kind, fout):
    personen = [
        PersoonFeiten(rol="slachtoffer", geboortedatum=ouder),
        PersoonFeiten(rol="kind", geboortedatum=kind, relatie=RelatieKeuze.KIND_VAN, relatie_met=0),
    ]
    errors = personen_regels(personen)
    assert ("personen.1.relatie_met" in errors) is fout


def test_parent_direction_and_unborn_parent():
    personen = [
        PersoonFeiten(rol="kind", geboortedatum=PartialDate(2015)),
        PersoonFeiten(rol="pleger", ongeboren=True, relatie=RelatieKeuze.OUDER_VAN, relatie_met=0),
    ]
    assert "personen.1.relatie_met" in personen_regels(personen)


def test_relation_needs_a_kind_and_another_row():
    errors = personen_regels(
        [
            PersoonFeiten(rol="kind", relatie=RelatieKeuze.PARTNER_VAN, relatie_met=0),
            PersoonFeiten(rol="overig", relatie_met=0),
            PersoonFeiten(rol="overig", relatie=RelatieKeuze.BROER_ZUS_VAN, relatie_met=7),
            PersoonFeiten(rol="overig", relatie=RelatieKeuze.BROER_ZUS_VAN, relatie_met=None),
        ]
    )
    assert "zichzelf" in errors["personen.0.relatie_met"][0]
    assert errors["personen.1.relatie"] == ["Kies de soort relatie."]
    assert "Kies met welke persoon" in errors["personen.2.relatie_met"][0]
    assert "Kies met welke persoon" in errors["personen.3.relatie_met"][0]


def test_partner_relation_has_no_age_rule():
    personen = [
        PersoonFeiten(rol="slachtoffer", geboortedatum=PartialDate(2000)),
        PersoonFeiten(
            rol="pleger",
            geboortedatum=PartialDate(1950),
            relatie=RelatieKeuze.PARTNER_VAN,
            relatie_met=0,
        ),
    ]
    assert personen_regels(personen) == {}


def test_codes_need_a_child_when_about_children():
    volwassenen = [PersoonFeiten(rol="slachtoffer", geboortedatum=PartialDate(1980))]
    errors = melding_regels(aanleidingen=["06"], aarden=["08"], personen=volwassenen, op=OP)
    assert "kind" in errors["aarden"][0]
    assert "kind" in errors["aanleidingen"][0]
    met_kind = [*volwassenen, PersoonFeiten(rol="getuige", geboortedatum=PartialDate(2016))]
    assert melding_regels(aanleidingen=["06"], aarden=["08"], personen=met_kind, op=OP) == {}
    leeg = melding_regels(aanleidingen=[], aarden=[], personen=met_kind, op=OP)
    assert set(leeg) == {"aanleidingen", "aarden"}
