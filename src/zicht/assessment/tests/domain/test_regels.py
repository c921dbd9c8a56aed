"""Four eyes, triage derivation and contradictions: tables of cases, one comment per row."""

from __future__ import annotations

import pytest

from zicht.assessment.domain.besluit import BesluitSoort, Triage, tegenstrijdigheden
from zicht.assessment.domain.triage import (
    Antwoordtype,
    Implicatie,
    Vraag,
    afleiden,
    controleer_antwoorden,
)
from zicht.assessment.domain.vier_ogen import (
    STANDAARD_REGELS,
    Bevestiger,
    VierOgenRegels,
    deskundige_nodig,
    toets,
)

S = BesluitSoort
COLLEGA = Bevestiger(id=2, mag_meebeslissen=True, is_deskundige=False)
DESKUNDIGE = Bevestiger(id=3, mag_meebeslissen=False, is_deskundige=True)
ZELF = Bevestiger(id=1, mag_meebeslissen=True, is_deskundige=True)
ZONDER_RECHT = Bevestiger(id=4, mag_meebeslissen=False, is_deskundige=False)

VIER_OGEN = [
    # (bevestiger, soort, acuut, toegestaan)
    (ZELF, S.OVERDRACHT_NA_VB, False, False),  # the proposer never confirms their own
    (ZELF, S.ONDERZOEK, False, False),  # not even as a deskundige
    (ZONDER_RECHT, S.EINDE_BEMOEIENIS, False, False),  # no right to co-decide
    (COLLEGA, S.EINDE_BEMOEIENIS, False, True),  # a colleague suffices
    (COLLEGA, S.VOORWAARDEN_EN_VERVOLG, False, True),  # a colleague suffices for V&V
    (COLLEGA, S.ONDERZOEK, False, False),  # Onderzoek needs a deskundige
    (COLLEGA, S.RVDK_VERZOEK, False, False),  # an RvdK request needs a deskundige
    (COLLEGA, S.OVERDRACHT_NA_VB, True, False),  # any acute case needs a deskundige
    (DESKUNDIGE, S.ONDERZOEK, False, True),  # gedragsdeskundige/vertrouwensarts
    (DESKUNDIGE, S.OVERDRACHT_NA_VB, True, True),  # acute, deskundige
]


@pytest.mark.parametrize(("bevestiger", "soort", "acuut", "toegestaan"), VIER_OGEN)
def test_four_eyes(bevestiger, soort, acuut, toegestaan):
    redenen = toets(voorsteller_id=1, bevestiger=bevestiger, soort=soort, acuut=acuut)
    assert (redenen == []) is toegestaan


def test_rules_are_data():
    regels = VierOgenRegels.uit_data({"deskundige_voor": [], "deskundige_bij_acuut": False})
    assert not deskundige_nodig(S.ONDERZOEK, acuut=True, regels=regels)
    assert deskundige_nodig(S.ONDERZOEK, acuut=False, regels=STANDAARD_REGELS)
    assert (
        toets(voorsteller_id=1, bevestiger=COLLEGA, soort=S.ONDERZOEK, acuut=True, regels=regels)
        == []
    )


VRAGEN = [
    Vraag("acuut_gevaar", "Gevaar?", Antwoordtype.JA_NEE, Implicatie.ACUUT),
    Vraag("disclosure", "Disclosure?", Antwoordtype.JA_NEE, Implicatie.ACUUT),
    Vraag("structureel", "Structureel?", Antwoordtype.JA_NEE, Implicatie.STRUCTUREEL),
    Vraag("multi", "Multi?", Antwoordtype.JA_NEE, Implicatie.MULTIPROBLEEM),
    Vraag("taxatie", "Taxatie", Antwoordtype.KEUZE, Implicatie.TAXATIE, (("laag", "laag"),)),
    Vraag("toelichting", "Toelichting", Antwoordtype.TEKST, verplicht=False),
]

AFLEIDEN = [
    # (answers, acuut, structureel, multiprobleem)
    ({}, None, None, None),  # nothing answered: unknown
    ({"acuut_gevaar": "nee", "disclosure": "nee"}, False, None, None),  # both no: not acute
    ({"acuut_gevaar": "nee", "disclosure": "ja"}, True, None, None),  # disclosure counts as acute
    ({"acuut_gevaar": "ja", "disclosure": "nee"}, True, None, None),  # direct danger
    ({"structureel": "ja", "multi": "nee"}, None, True, False),  # structural, not multi
]


@pytest.mark.parametrize(("antwoorden", "acuut", "structureel", "multi"), AFLEIDEN)
def test_derivation(antwoorden, acuut, structureel, multi):
    triage = afleiden(VRAGEN, antwoorden)
    assert (triage.acuut, triage.structureel, triage.multiprobleem) == (acuut, structureel, multi)


def test_taxatie_and_validation():
    assert afleiden(VRAGEN, {"taxatie": "laag"}).taxatie == "laag"
    assert controleer_antwoorden(VRAGEN, {"acuut_gevaar": "misschien"}, volledig=False) == {
        "acuut_gevaar": "Kies ja of nee."
    }
    assert controleer_antwoorden(VRAGEN, {"taxatie": "hoog"}, volledig=False) == {
        "taxatie": "Kies een van de mogelijkheden."
    }
    # complete: every required non-text question; the free text may stay empty
    fouten = controleer_antwoorden(VRAGEN, {}, volledig=True)
    assert set(fouten) == {"acuut_gevaar", "disclosure", "structureel", "multi", "taxatie"}


TEGENSTRIJDIG = [
    # (triage, soort, number of warnings)
    (Triage(True, False, False), S.EINDE_BEMOEIENIS, 1),  # acute but ending involvement
    (Triage(False, True, True), S.OMZETTEN_IN_ADVIES, 2),  # structural + multi, advice only
    (Triage(True, True, True), S.ONDERZOEK, 0),  # unsafety and a dienst: consistent
    (Triage(False, False, False), S.EINDE_BEMOEIENIS, 0),  # safe and ending: consistent
    (Triage(None, None, None), S.EINDE_BEMOEIENIS, 0),  # unknown: nothing to contradict
]


@pytest.mark.parametrize(("triage", "soort", "aantal"), TEGENSTRIJDIG)
def test_contradictions(triage, soort, aantal):
    assert len(tegenstrijdigheden(triage, soort)) == aantal


def test_labels():
    assert all(s.label for s in S)
    assert S.EINDE_BEMOEIENIS.sluit_casus
    assert not S.ONDERZOEK.sluit_casus
