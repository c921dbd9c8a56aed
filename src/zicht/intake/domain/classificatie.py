"""How CBS counts a new melding (DOMAIN §2, "Meldingen about a known household").

Every saved melding is one of:

* **eerste melding** — it opens a new casus and nobody in it was known before;
* **hermelding** — it opens a new casus, but someone in it was in an older, *closed* casus;
* **vervolgmelding** — it is added to an *open* casus (*tijdens betrokkenheid*), split by the
  phase that casus is in: during the veiligheidsbeoordeling (VB), after the VB, or during
  monitoring.

The phase of an open casus is decided by later steps (assessment, diensten) that do not exist
yet. They supply it through a :data:`FaseBepaler` — a plain callable passed into
``intake.services.melding_register(fase_bepaler=...)`` (never a signal, never an import of a
higher app). Until then :func:`fase_standaard` answers "tijdens VB": without a VB decision the
casus is still in its assessment.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

__all__ = [
    "Fase",
    "FaseBepaler",
    "SoortCbs",
    "classificeer",
    "fase_standaard",
]


class Fase(StrEnum):
    """The phase of an open casus at the moment a melding is added to it."""

    TIJDENS_VB = "tijdens_vb"
    NA_VB = "na_vb"
    TIJDENS_MONITORING = "tijdens_monitoring"


class SoortCbs(StrEnum):
    """The CBS classification of a received melding."""

    EERSTE_MELDING = "eerste_melding"
    HERMELDING = "hermelding"
    VERVOLG_TIJDENS_VB = "vervolg_tijdens_vb"
    VERVOLG_NA_VB = "vervolg_na_vb"
    VERVOLG_TIJDENS_MONITORING = "vervolg_tijdens_monitoring"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[SoortCbs, str] = {
    SoortCbs.EERSTE_MELDING: "eerste melding",
    SoortCbs.HERMELDING: "hermelding",
    SoortCbs.VERVOLG_TIJDENS_VB: "vervolgmelding tijdens veiligheidsbeoordeling",
    SoortCbs.VERVOLG_NA_VB: "vervolgmelding na veiligheidsbeoordeling",
    SoortCbs.VERVOLG_TIJDENS_MONITORING: "vervolgmelding tijdens monitoring",
}

#: Given the id of the open casus a melding joins, the phase that casus is in.
FaseBepaler = Callable[[int], Fase]

_VERVOLG: dict[Fase, SoortCbs] = {
    Fase.TIJDENS_VB: SoortCbs.VERVOLG_TIJDENS_VB,
    Fase.NA_VB: SoortCbs.VERVOLG_NA_VB,
    Fase.TIJDENS_MONITORING: SoortCbs.VERVOLG_TIJDENS_MONITORING,
}


def fase_standaard(casus_id: int) -> Fase:
    """The phase while no VB decision exists in the system: always "tijdens VB".

    SEAM: the assessment issue passes its own :data:`FaseBepaler` (a casus with a confirmed
    besluit is "na VB"; one in a monitoring dienst is "tijdens monitoring")."""
    del casus_id
    return Fase.TIJDENS_VB


def classificeer(
    *,
    eerdere_gesloten_casus: bool,
    open_casus_aangevuld: bool,
    fase: Fase = Fase.TIJDENS_VB,
) -> SoortCbs:
    """The CBS kind of a melding.

    ``open_casus_aangevuld``: the melding was added to an open casus (then ``fase`` decides and
    an older closed casus does not matter: CBS counts it as a follow-up of the open one).
    ``eerdere_gesloten_casus``: someone in the melding was in an older, closed casus.
    """
    if open_casus_aangevuld:
        return _VERVOLG[fase]
    if eerdere_gesloten_casus:
        return SoortCbs.HERMELDING
    return SoortCbs.EERSTE_MELDING
