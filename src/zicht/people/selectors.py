"""Reads about persons: the candidate look-up for earlier involvement, and gemeenten.

:func:`persoon_find_candidates` never scans the table: it matches an exact BSN (indexed) or the
blocking key (indexed, see ``people.domain.names``). Ranking the candidates by similarity
(rapidfuzz over names and dates) is a later step: :func:`_rank` is the seam where it goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.db.models import Q

from zicht.people.domain.bsn import BSN, BsnFout, mask_bsn
from zicht.people.domain.dates import PartialDate
from zicht.people.domain.names import naam_sleutel, zoeksleutel
from zicht.people.models import Gemeente, Persoon

__all__ = [
    "PersoonKandidaat",
    "gemeente_actueel",
    "persoon_find_candidates",
]

Reden = Literal["bsn", "naam_geboortedatum", "naam"]

_KANDIDAAT_VELDEN = (
    "pk",
    "bsn",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum_jaar",
    "geboortedatum_maand",
    "geboortedatum_dag",
    "ongeboren",
    "verwachte_geboortedatum",
    "geslacht",
)


@dataclass(frozen=True, slots=True)
class PersoonKandidaat:
    """A lightweight row: enough to show and rank a candidate, with the BSN masked."""

    pk: int
    bsn_gemaskeerd: str
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: PartialDate | None
    ongeboren: bool
    verwachte_geboortedatum: date | None
    geslacht: str
    #: Why this person is a candidate: the same BSN, or the same blocking key.
    reden: Reden

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)


def _kandidaat(row: dict[str, object], reden: Reden) -> PersoonKandidaat:
    jaar = row["geboortedatum_jaar"]
    datum = (
        PartialDate(jaar, row["geboortedatum_maand"], row["geboortedatum_dag"])  # type: ignore[arg-type]
        if isinstance(jaar, int)
        else None
    )
    return PersoonKandidaat(
        pk=int(row["pk"]),  # type: ignore[call-overload]
        bsn_gemaskeerd=mask_bsn(str(row["bsn"])),
        voornamen=str(row["voornamen"]),
        tussenvoegsel=str(row["tussenvoegsel"]),
        achternaam=str(row["achternaam"]),
        geboortedatum=datum,
        ongeboren=bool(row["ongeboren"]),
        verwachte_geboortedatum=row["verwachte_geboortedatum"],  # type: ignore[arg-type]
        geslacht=str(row["geslacht"]),
        reden=reden,
    )


def _datum_past_bij(geboortedatum: date | PartialDate) -> Q:
    """Stored (partial) birth dates that could be the given one (within one blocking key)."""
    datum = (
        geboortedatum
        if isinstance(geboortedatum, PartialDate)
        else PartialDate.from_date(geboortedatum)
    )
    q = Q()
    if datum.month is not None:
        q &= Q(geboortedatum_maand__isnull=True) | Q(geboortedatum_maand=datum.month)
    if datum.day is not None:
        q &= Q(geboortedatum_dag__isnull=True) | Q(geboortedatum_dag=datum.day)
    return q


def persoon_find_candidates(
    *,
    bsn: str | None = None,
    achternaam: str | None = None,
    tussenvoegsel: str = "",
    geboortedatum: date | PartialDate | None = None,
    limit: int = 20,
) -> list[PersoonKandidaat]:
    """Persons who may be the one described: the same BSN (conventions such as ``000000000``
    never match), or the same normalised surname and birth year with a compatible birth date;
    with a surname only, the same normalised surname. BSN matches come first.

    Every query is an indexed equality (``bsn``, ``zoeksleutel`` or ``naam_sleutel``) bounded
    by ``limit``: no full scans.
    """
    if limit < 1:
        return []
    gevonden: dict[int, PersoonKandidaat] = {}
    if bsn:
        try:
            waarde = BSN.parse(bsn)
        except BsnFout:
            waarde = None
        if waarde is not None and not waarde.is_convention:
            rows = (
                Persoon.objects.filter(bsn=waarde.waarde)
                .order_by("pk")
                .values(*_KANDIDAAT_VELDEN)[:limit]
            )
            for row in rows:
                gevonden.setdefault(int(row["pk"]), _kandidaat(row, "bsn"))
    if achternaam and achternaam.strip() and len(gevonden) < limit:
        if geboortedatum is not None:
            jaar = geboortedatum.year
            filter_q = Q(zoeksleutel=zoeksleutel(achternaam, tussenvoegsel, jaar))
            datum_q = _datum_past_bij(geboortedatum)
            if datum_q:  # an empty Q would absorb the OR below
                filter_q &= datum_q | Q(ongeboren=True)
            reden: Reden = "naam_geboortedatum"
        else:
            sleutel = naam_sleutel(achternaam, tussenvoegsel)
            filter_q = Q(naam_sleutel=sleutel) if sleutel else Q(pk__in=[])
            reden = "naam"
        rows = (
            Persoon.objects.filter(filter_q)
            .exclude(pk__in=list(gevonden))
            .order_by("pk")
            .values(*_KANDIDAAT_VELDEN)[: limit - len(gevonden)]
        )
        for row in rows:
            gevonden.setdefault(int(row["pk"]), _kandidaat(row, reden))
    return _rank(list(gevonden.values()), achternaam=achternaam, geboortedatum=geboortedatum)


def _rank(
    kandidaten: Sequence[PersoonKandidaat],
    *,
    achternaam: str | None,
    geboortedatum: date | PartialDate | None,
) -> list[PersoonKandidaat]:
    """SEAM for the fuzzy ranking (rapidfuzz) of a later issue: order and score the candidates
    found by the indexed look-up. Today: BSN matches first, then in the order found."""
    del achternaam, geboortedatum
    volgorde = {"bsn": 0, "naam_geboortedatum": 1, "naam": 2}
    return sorted(kandidaten, key=lambda k: volgorde[k.reden])


def gemeente_actueel(code: str, op: date) -> Gemeente:
    """The gemeente that ``code`` stands for on ``op``, following mergers: Heerhugowaard
    (GM0398) asked for on 1 January 2022 or later gives Dijk en Waard (GM1980).

    Raises :class:`Gemeente.DoesNotExist` for an unknown code.
    """
    gemeente = Gemeente.objects.select_related("opgevolgd_door").get(cbs_code=code.upper())
    gezien = {gemeente.cbs_code}
    while not gemeente.is_geldig_op(op) and gemeente.opgevolgd_door_id is not None:
        opvolger = gemeente.opgevolgd_door
        assert opvolger is not None
        if opvolger.cbs_code in gezien:  # a cycle in the data: stop at the last valid one
            break
        gezien.add(opvolger.cbs_code)
        gemeente = (
            Gemeente.objects.select_related("opgevolgd_door").get(pk=opvolger.pk)
            if opvolger.opgevolgd_door_id is not None
            else opvolger
        )
    return gemeente
