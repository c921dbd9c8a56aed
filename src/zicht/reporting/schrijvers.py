"""Writers of the export files. Each writes to an open file object as it reads, so memory
stays flat however many rows a period holds: the fixed-width text line by line, the xlsx with
openpyxl's write-only workbook (rows are streamed to temporary files, not kept in memory).

``voortgang(n)`` is called every :data:`STAP` main records with the number done so far.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from zicht.reporting.domain.cbs_formaat import TELLERS, Formaat
from zicht.reporting.selectors import Bevinding, Record

STAP = 500
#: Lines per write of the fixed-width file.
BLOK = 1000
HOOFDRECORDS = frozenset("AMOW")
#: Required fields whose emptiness has its own, more specific check in the selectors.
SPECIFIEK = {
    "aard1": "aard_ontbreekt",
    "aanleiding1": "aanleiding_ontbreekt",
    "vervolg": "besluit_ontbreekt",
    "soort_melding": "soort_melding_onbekend",
}

Voortgang = Callable[[int], None]


class Validatie:
    """Collects findings and per-field completeness while the records stream past."""

    MAX_BEVINDINGEN = 2000

    def __init__(self, formaat: Formaat) -> None:
        self.formaat = formaat
        self.bevindingen: list[dict[str, Any]] = []
        self.per_regel: Counter[str] = Counter()
        self.gevuld: dict[str, Counter[str]] = {r.code: Counter() for r in formaat.recordsoorten}
        self.records: Counter[str] = Counter()
        self._verplichte: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}

    def zie(self, record: Record) -> None:
        self.records[record.soort] += 1
        waarden = record.waarden
        gevuld = [naam for naam, waarde in waarden.items() if waarde is not None and waarde != ""]
        self.gevuld[record.soort].update(gevuld)  # Counter.update counts a list in C
        regels = None
        if record.bevindingen:
            for b in record.bevindingen:
                self._bevinding(b)
            regels = {b.regel for b in record.bevindingen}
        verplicht, verplicht_set = self._verplicht(record.soort)
        if verplicht_set.issubset(gevuld):
            return
        for naam in verplicht:  # in field order, as the findings are listed
            waarde = waarden.get(naam)
            if (waarde is None or waarde == "") and (
                regels is None or SPECIFIEK.get(naam) not in regels
            ):
                self._bevinding(
                    Bevinding(
                        "fout",
                        "veld_leeg",
                        f"Verplicht veld {naam} is leeg.",
                        record.soort,
                        naam,
                    )
                )

    def _verplicht(self, soort: str) -> tuple[tuple[str, ...], frozenset[str]]:
        namen = self._verplichte.get(soort)
        if namen is None:
            volgorde = tuple(v.naam for v in self.formaat.soort(soort).velden if v.verplicht)
            namen = self._verplichte[soort] = (volgorde, frozenset(volgorde))
        return namen

    def _bevinding(self, b: Bevinding) -> None:
        self.per_regel[f"{b.niveau}:{b.regel}"] += 1
        if len(self.bevindingen) < self.MAX_BEVINDINGEN:
            self.bevindingen.append(b.als_dict())

    def samenvatting(self) -> dict[str, Any]:
        volledigheid = []
        for soort in self.formaat.recordsoorten:
            n = self.records[soort.code]
            if soort.code in "HT" or not n:
                continue
            for veld in soort.velden:
                gevuld = self.gevuld[soort.code][veld.naam]
                volledigheid.append(
                    {
                        "recordsoort": soort.naam,
                        "veld": veld.naam,
                        "verplicht": veld.verplicht,
                        "gevuld": gevuld,
                        "totaal": n,
                        "procent": (100 * gevuld) // n,
                    }
                )
        fouten = sum(n for k, n in self.per_regel.items() if k.startswith("fout:"))
        return {
            "records": dict(self.records),
            "fouten": fouten,
            "waarschuwingen": sum(self.per_regel.values()) - fouten,
            "per_regel": dict(self.per_regel),
            "bevindingen": self.bevindingen,
            "bevindingen_afgekapt": sum(self.per_regel.values()) > len(self.bevindingen),
            "volledigheid": volledigheid,
        }


def _kop(
    formaat: Formaat, *, organisatie: str, periode: str, correctie: bool, op: date
) -> dict[str, object]:
    return {
        "formaat": formaat.code.upper(),
        "organisatie": organisatie[:20],
        "periode": periode,
        "soort_levering": "C" if correctie else "R",
        "aangemaakt": f"{op:%Y%m%d}",
        "codelijsten": formaat.codelijstversie,
    }


def _sluit(tellers: Counter[str]) -> dict[str, object]:
    waarden: dict[str, object] = {naam: tellers[code] for code, naam in TELLERS.items()}
    waarden["totaal"] = sum(tellers[c] for c in TELLERS) + 2
    return waarden


def _doorlopen(
    records: Iterable[Record], validatie: Validatie, voortgang: Voortgang | None
) -> Iterable[Record]:
    gedaan = 0
    for record in records:
        validatie.zie(record)
        yield record
        if record.soort in HOOFDRECORDS:
            gedaan += 1
            if voortgang and gedaan % STAP == 0:
                voortgang(gedaan)
    if voortgang:
        voortgang(gedaan)


def cbs_txt(
    uit: IO[bytes],
    records: Iterable[Record],
    formaat: Formaat,
    *,
    organisatie: str,
    periode: str,
    correctie: bool,
    op: date,
    voortgang: Voortgang | None = None,
) -> Validatie:
    validatie = Validatie(formaat)
    tellers: Counter[str] = Counter()
    einde = formaat.regeleinde
    regel = formaat.regel
    # Lines are collected and written in blocks of BLOK lines: one write per ~100 KiB instead
    # of one per line. Each write that flushes releases the GIL, and getting it back from the
    # read-ahead thread (selectors._vooruit) cost milliseconds per flush.
    blok: list[str] = [
        regel(
            "H", _kop(formaat, organisatie=organisatie, periode=periode, correctie=correctie, op=op)
        )
    ]
    toevoegen = blok.append
    for record in _doorlopen(records, validatie, voortgang):
        soort = record.soort
        toevoegen(regel(soort, record.waarden))
        tellers[soort] += 1
        if len(blok) >= BLOK:
            uit.write((einde.join(blok) + einde).encode("ascii"))
            blok.clear()
    toevoegen(regel("T", _sluit(tellers)))
    uit.write((einde.join(blok) + einde).encode("ascii"))
    return validatie


def cbs_xlsx(
    pad: Path,
    records: Iterable[Record],
    formaat: Formaat,
    *,
    organisatie: str,
    periode: str,
    correctie: bool,
    op: date,
    voortgang: Voortgang | None = None,
) -> Validatie:
    """One sheet per record type, a header row of field names; codes stay text."""
    validatie = Validatie(formaat)
    boek = Workbook(write_only=True)
    vet = Font(bold=True)
    bladen = {}
    for soort in formaat.recordsoorten:
        blad = boek.create_sheet(soort.naam[:31])
        koppen = []
        for naam in [v.naam for v in soort.velden]:
            cel = WriteOnlyCell(blad, value=naam)
            cel.font = vet
            koppen.append(cel)
        blad.append(koppen)
        bladen[soort.code] = (blad, [v.naam for v in soort.velden])
    tellers: Counter[str] = Counter()

    def rij(code: str, waarden: dict[str, object]) -> None:
        blad, namen = bladen[code]
        formaat.regel(code, waarden)  # the same checks as the text file
        blad.append(["" if waarden.get(n) is None else str(waarden.get(n, "")) for n in namen])

    rij("H", _kop(formaat, organisatie=organisatie, periode=periode, correctie=correctie, op=op))
    for record in _doorlopen(records, validatie, voortgang):
        rij(record.soort, record.waarden)
        tellers[record.soort] += 1
    rij("T", _sluit(tellers))
    boek.save(pad)
    return validatie


def tabellen_xlsx(pad: Path, bladen: list[tuple[str, list[list[object]]]]) -> None:
    """A small workbook of report tables: (sheet name, rows with a header row first)."""
    boek = Workbook(write_only=True)
    vet = Font(bold=True)
    for naam, rijen in bladen:
        blad = boek.create_sheet(naam[:31])
        for i, r in enumerate(rijen):
            if i == 0:
                koppen = []
                for waarde in r:
                    cel = WriteOnlyCell(blad, value=waarde)
                    cel.font = vet
                    koppen.append(cel)
                blad.append(koppen)
            else:
                blad.append(r)
    boek.save(pad)
