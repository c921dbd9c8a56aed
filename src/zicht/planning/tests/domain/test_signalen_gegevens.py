"""The rules added when the waiting list, caseload and terms got data: waiting items past
their term, caseload per medewerker, and VB and vervolg terms together (the worse decides)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zicht.planning.domain.signalen import (
    Niveau,
    signaal_caseload_medewerkers,
    signaal_termijnen_samen,
    signaal_wachtlijst,
)

D = Decimal

WACHTLIJST = [
    # (waiting, past the term, threshold, level)
    (10, None, 50, Niveau.GROEN),  # age unknown: the count alone decides
    (10, 0, 50, Niveau.GROEN),
    (10, 1, 50, Niveau.ORANJE),  # one item past its term lights a short list
    (26, 0, 50, Niveau.ORANJE),
    (51, 3, 50, Niveau.ROOD),
    (None, 3, 50, Niveau.GEEN_DATA),
]


@pytest.mark.parametrize(("wachtlijst", "over", "drempel", "niveau"), WACHTLIJST)
def test_wachtlijst_met_termijn(wachtlijst, over, drempel, niveau):
    signaal = signaal_wachtlijst(wachtlijst=wachtlijst, drempel=drempel, over_termijn=over)
    assert signaal.niveau is niveau


CASELOAD = [
    # (open diensten per medewerker, norm, level)
    (None, 20, Niveau.GEEN_DATA),
    ([], 20, Niveau.GEEN_DATA),  # nobody carries a dienst
    ([20, 20], 20, Niveau.GROEN),  # at the norm
    ([24, 16], 20, Niveau.GROEN),  # one above the norm, not above norm + 20% (24)
    ([25, 15], 20, Niveau.ORANJE),  # mean at the norm, one above 24
    ([21, 20], 20, Niveau.ORANJE),  # mean 20.5 above the norm
    ([25, 24], 20, Niveau.ROOD),  # mean 24.5 above norm + 20%
]


@pytest.mark.parametrize(("caseloads", "norm", "niveau"), CASELOAD)
def test_caseload_medewerkers(caseloads, norm, niveau):
    assert signaal_caseload_medewerkers(caseloads=caseloads, norm=norm).niveau is niveau


TERMIJNEN = [
    # ((VB decided, on time), (vervolg closed, on time), level); norms 90% / 80%
    ((0, 0), (0, 0), Niveau.GEEN_DATA),
    ((10, 9), (0, 0), Niveau.GROEN),  # 90% = the norm; vervolg without data does not count
    ((10, 8), (0, 0), Niveau.ORANJE),  # 80%
    ((10, 7), (0, 0), Niveau.ROOD),  # 70%: more than 10 points below
    ((0, 0), (10, 8), Niveau.GROEN),  # 80% = the vervolg norm
    ((0, 0), (10, 7), Niveau.ORANJE),
    ((10, 10), (10, 6), Niveau.ROOD),  # the worse of the two decides
    ((10, 8), (10, 10), Niveau.ORANJE),
]


@pytest.mark.parametrize(("vb", "vervolg", "niveau"), TERMIJNEN)
def test_termijnen_samen(vb, vervolg, niveau):
    signaal = signaal_termijnen_samen(
        vb_besloten=vb[0],
        vb_op_tijd=vb[1],
        norm_vb=D("0.90"),
        vervolg_afgerond=vervolg[0],
        vervolg_op_tijd=vervolg[1],
        norm_vervolg=D("0.80"),
    )
    assert signaal.niveau is niveau
    assert signaal.niveau.licht_op is (niveau in (Niveau.ORANJE, Niveau.ROOD))
