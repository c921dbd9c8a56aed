"""The CBS delivery file as a pluggable, versioned format (see ``docs/cbs-formaat-v1.md``).

A format is a set of record layouts: each record is one line of fixed-width ASCII (and one row
of the sheet of that record type in the xlsx variant). :data:`FORMATEN` holds every known
format by its code; a new protocol version is a new :class:`Formaat`, the old one stays so that
a correction of an old period can be delivered in the format of that time.

Pure Python: no Django. The values handed to :meth:`Formaat.regel` are already the protocol's
codes (strings and ints); this module only lays them out, and :meth:`Formaat.lees` reads them
back (used by the round-trip test and by anyone checking a file).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

__all__ = [
    "FORMATEN",
    "ZICHT_V1",
    "Formaat",
    "FormaatFout",
    "Recordsoort",
    "Veld",
    "bsn_cbs",
    "geboortedatum_cbs",
]

#: From ``codelijsten.json`` → ``conventies``.
BSN_ONBEKEND = "000000000"
BSN_ONGEBOREN = "999999999"
GEBOORTEDATUM_ONGEBOREN = "99999999"


class FormaatFout(ValueError):
    """A value does not fit its field, or a line is not a record of the format."""


@dataclass(frozen=True, slots=True)
class Veld:
    """One field: ``N`` numeric (right-aligned, zero-filled, digits only) or ``A``
    alphanumeric (left-aligned, space-filled, printable ASCII)."""

    naam: str
    lengte: int
    soort: str  # "N" or "A"
    omschrijving: str
    verplicht: bool = True

    def opmaken(self, waarde: object) -> str:
        if waarde is None or waarde == "":
            # An empty required field is written blank: the validation report names it (an
            # incomplete registration is a finding, never a crash).
            return " " * self.lengte
        if self.soort == "N":
            tekst = waarde if isinstance(waarde, str) else str(waarde)
            if len(tekst) == self.lengte and tekst.isdigit():
                return tekst
            if not tekst.isdigit():
                raise FormaatFout(f"Veld {self.naam}: alleen cijfers, niet ‘{tekst}’.")
            if len(tekst) > self.lengte:
                raise FormaatFout(f"Veld {self.naam}: {tekst} is langer dan {self.lengte}.")
            return tekst.rjust(self.lengte, "0")
        tekst = waarde if isinstance(waarde, str) else str(waarde)
        if not (tekst.isascii() and tekst.isprintable()):
            tekst = ascii_tekst(tekst)
        if len(tekst) > self.lengte:
            raise FormaatFout(f"Veld {self.naam}: ‘{tekst}’ is langer dan {self.lengte}.")
        return tekst.ljust(self.lengte)

    def lezen(self, tekst: str) -> str:
        return tekst.strip() if self.soort == "A" else (tekst if tekst.strip() else "")


@dataclass(frozen=True, slots=True)
class Recordsoort:
    code: str  # one character in column 1
    naam: str
    omschrijving: str
    velden: tuple[Veld, ...]

    @property
    def lengte(self) -> int:
        return 1 + sum(v.lengte for v in self.velden)

    @property
    def namen(self) -> frozenset[str]:
        namen = _NAMEN.get(id(self))
        if namen is None:
            namen = _NAMEN[id(self)] = frozenset(v.naam for v in self.velden)
        return namen

    def veld(self, naam: str) -> Veld:
        for v in self.velden:
            if v.naam == naam:
                return v
        raise KeyError(naam)


#: (name, length, numeric, upper bound of an int, field) per record type (by id), filled on
#: first use.
_SPECIFICATIES: dict[int, tuple[tuple[str, int, bool, int, Veld], ...]] = {}


def _specificatie(soort: Recordsoort) -> tuple[tuple[str, int, bool, int, Veld], ...]:
    spec = _SPECIFICATIES.get(id(soort))
    if spec is None:
        spec = _SPECIFICATIES[id(soort)] = tuple(
            (v.naam, v.lengte, v.soort == "N", 10**v.lengte, v) for v in soort.velden
        )
    return spec


#: Field names per record type (by id), filled on first use.
_NAMEN: dict[int, frozenset[str]] = {}
#: Record types by (format, code), filled on first use.
_SOORTEN: dict[tuple[str, str], Recordsoort] = {}


@dataclass(frozen=True, slots=True)
class Formaat:
    code: str
    naam: str
    codelijstversie: str
    regellengte: int
    recordsoorten: tuple[Recordsoort, ...]
    regeleinde: str = "\r\n"

    def soort(self, code: str) -> Recordsoort:
        r = _SOORTEN.get((self.code, code))
        if r is None:
            for r in self.recordsoorten:
                if r.code == code:
                    _SOORTEN[(self.code, code)] = r
                    return r
            raise FormaatFout(f"Onbekende recordsoort ‘{code}’.")
        return r

    def regel(self, code: str, waarden: Mapping[str, object]) -> str:
        """One line (without line end) of record type ``code``, padded to the line length."""
        soort = self.soort(code)
        namen = soort.namen
        if not namen.issuperset(waarden):
            onbekend = waarden.keys() - namen
            raise FormaatFout(f"Onbekende velden voor {soort.naam}: {', '.join(sorted(onbekend))}.")
        delen = [code]
        toevoegen = delen.append
        neem = waarden.get
        for naam, lengte, numeriek, grens, veld in _specificatie(soort):
            waarde = neem(naam)
            # fast paths for the common cases (the same result as Veld.opmaken): a code that
            # fits, or a non-negative int that fits a numeric field
            if isinstance(waarde, str):
                if numeriek:
                    if waarde.isdigit() and len(waarde) <= lengte:
                        toevoegen(waarde.rjust(lengte, "0"))
                        continue
                elif waarde.isascii() and waarde.isprintable() and len(waarde) <= lengte:
                    toevoegen(waarde.ljust(lengte))
                    continue
            elif numeriek and isinstance(waarde, int) and 0 <= waarde < grens:
                toevoegen(str(waarde).rjust(lengte, "0"))
                continue
            toevoegen(veld.opmaken(waarde))
        return "".join(delen).ljust(self.regellengte)

    def lees(self, regel: str) -> tuple[str, dict[str, str]]:
        """Reads one line back into its record type and field values (stripped)."""
        regel = regel.rstrip("\r\n")
        if len(regel) != self.regellengte:
            raise FormaatFout(
                f"Regel heeft lengte {len(regel)}, verwacht {self.regellengte}: ‘{regel[:20]}…’."
            )
        soort = self.soort(regel[0])
        pos = 1
        waarden: dict[str, str] = {}
        for v in soort.velden:
            waarden[v.naam] = v.lezen(regel[pos : pos + v.lengte])
            pos += v.lengte
        if regel[pos:].strip():
            raise FormaatFout("Tekens na het laatste veld.")
        return soort.code, waarden

    def lees_bestand(self, regels: Iterable[str]) -> list[tuple[str, dict[str, str]]]:
        return [self.lees(r) for r in regels if r.strip()]


def ascii_tekst(tekst: str) -> str:
    """Printable ASCII: accents dropped (é → e), anything else becomes ``?``."""
    zonder = "".join(
        c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c)
    )
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in zonder)


def bsn_cbs(bsn: str, *, ongeboren: bool) -> str:
    """The BSN field by the protocol's conventions (unknown ``000000000``, unborn ``9…9``)."""
    if ongeboren:
        return BSN_ONGEBOREN
    return bsn if bsn and len(bsn) == 9 and bsn.isdigit() else BSN_ONBEKEND


def geboortedatum_cbs(
    jaar: int | None, maand: int | None, dag: int | None, *, ongeboren: bool
) -> str:
    """``JJJJMMDD``; ``JJJJMM00`` without a day, ``JJJJ0000`` with only the year; ``99999999``
    for an unborn child; ``00000000`` when nothing is known (reported as a finding)."""
    if ongeboren:
        return GEBOORTEDATUM_ONGEBOREN
    if jaar is None:
        return "00000000"
    return f"{jaar:04d}{(maand or 0):02d}{(dag or 0) if maand else 0:02d}"


def datum(d: date | None) -> str:
    if not d:
        return ""
    if d.year >= 1000:  # isoformat is YYYY-MM-DD; faster than strftime, the same digits
        iso = d.isoformat()
        return iso[:4] + iso[5:7] + iso[8:10]
    return f"{d:%Y%m%d}"


def _v(naam: str, lengte: int, soort: str, omschrijving: str, verplicht: bool = True) -> Veld:
    return Veld(naam, lengte, soort, omschrijving, verplicht)


AANTAL_AANLEIDING = 3
AANTAL_AARD = 5


def _meervoud(prefix: str, aantal: int, omschrijving: str) -> tuple[Veld, ...]:
    return tuple(
        _v(f"{prefix}{i}", 2, "N", f"{omschrijving} {i}", verplicht=i == 1)
        for i in range(1, aantal + 1)
    )


_AANLEIDING = _meervoud("aanleiding", AANTAL_AANLEIDING, "aanleiding (codelijst aanleiding)")
_AARD = _meervoud("aard", AANTAL_AARD, "aard van het geweld (codelijst aard)")

ZICHT_V1 = Formaat(
    code="zicht-v1",
    naam="Zicht format v1 (op basis van informatieprotocol 2015)",
    codelijstversie="informatieprotocol-2015",
    regellengte=100,
    recordsoorten=(
        Recordsoort(
            "H",
            "kop",
            "Eén per bestand, eerste regel.",
            (
                _v("formaat", 8, "A", "formaatcode ‘ZICHT-V1’"),
                _v("organisatie", 20, "A", "naam of code van de Veilig Thuis-organisatie"),
                _v("periode", 7, "A", "periode JJJJ-H1 of JJJJ-H2"),
                _v("soort_levering", 1, "A", "R = regulier, C = correctie (vervangt de periode)"),
                _v("aangemaakt", 8, "N", "aanmaakdatum JJJJMMDD"),
                _v("codelijsten", 24, "A", "versie van de codelijsten"),
            ),
        ),
        Recordsoort(
            "A",
            "advies",
            "Een advies gegeven in de periode (datum ontvangst in de periode). "
            "Geen persoonsgegevens.",
            (
                _v("advies_id", 10, "N", "volgnummer van het advies in Zicht"),
                _v("datum", 8, "N", "datum ontvangst JJJJMMDD"),
                _v("hoedanigheid", 2, "N", "hoedanigheid adviesvrager (codelijsten hoedanigheid)"),
                *_AANLEIDING,
                *_AARD,
            ),
        ),
        Recordsoort(
            "M",
            "melding",
            "Een melding afgerond in de periode: het besluit na de veiligheidsbeoordeling is "
            "bevestigd in de periode.",
            (
                _v("melding_id", 10, "N", "volgnummer van de melding in Zicht"),
                _v("casus_id", 10, "N", "volgnummer van de casus in Zicht"),
                _v("datum", 8, "N", "datum ontvangst JJJJMMDD"),
                _v("datum_besluit", 8, "N", "datum bevestigd besluit JJJJMMDD"),
                _v(
                    "soort_melding",
                    1,
                    "N",
                    "1 eerste, 2 hermelding, 3/4/5 vervolg tijdens VB / na VB / tijdens monitoring",
                ),
                _v("hoedanigheid", 2, "N", "hoedanigheid melder (codelijsten hoedanigheid)"),
                *_AANLEIDING,
                *_AARD,
                _v("vervolg", 2, "N", "vervolg melding (codelijst vervolg_melding)"),
                _v("acuut", 1, "A", "J/N acute onveiligheid volgens de beoordeling"),
                _v("op_tijd", 1, "A", "J/N besluit binnen de termijn van 5 werkdagen"),
                _v(
                    "gemeente",
                    6,
                    "A",
                    "CBS-code woongemeente (na herindeling), GMxxxx",
                    verplicht=False,
                ),
            ),
        ),
        Recordsoort(
            "P",
            "persoon",
            "Een betrokkene van een melding (M) of onderzoek (O): het protocol vraagt BSN, "
            "geboortedatum en geslacht.",
            (
                _v(
                    "melding_id", 10, "N", "volgnummer van de melding (M) waar de persoon bij hoort"
                ),
                _v("rol", 1, "A", "S slachtoffer, P pleger, K kind, G getuige, O overig"),
                _v("bsn", 9, "N", "BSN; 000000000 onbekend, 999999999 ongeboren"),
                _v("geboortedatum", 8, "N", "JJJJMMDD, JJJJMM00, JJJJ0000; 99999999 ongeboren"),
                _v("geslacht", 1, "A", "V, M of O (codelijst geslacht)"),
            ),
        ),
        Recordsoort(
            "O",
            "onderzoek",
            "Een onderzoek afgesloten in de periode.",
            (
                _v("dienst_id", 10, "N", "volgnummer van de dienst in Zicht"),
                _v("casus_id", 10, "N", "volgnummer van de casus"),
                _v("melding_id", 10, "N", "de melding waarvan het besluit tot onderzoek leidde"),
                _v("start", 8, "N", "datum start JJJJMMDD"),
                _v("einde", 8, "N", "datum afgesloten JJJJMMDD"),
                _v("op_tijd", 1, "A", "J/N afgesloten binnen 10 weken (na opschorting/verlenging)"),
                _v(
                    "vervolg",
                    2,
                    "N",
                    "vervolg na onderzoek (codelijst vervolg_na_onderzoek)",
                    verplicht=False,
                ),
            ),
        ),
        Recordsoort(
            "U",
            "uitkomst",
            "De uitkomst van een onderzoek (O) per aard van het geweld.",
            (
                _v("dienst_id", 10, "N", "volgnummer van het onderzoek (O)"),
                _v("aard", 2, "N", "aard van het geweld (codelijst aard)"),
                _v("uitkomst", 2, "N", "uitkomst onderzoek (codelijst uitkomst_onderzoek)"),
                _v(
                    "conclusie",
                    1,
                    "A",
                    "B bevestigd, N niet bevestigd, W weerlegd, "
                    "V voortijdig afgesloten (tabellen van nu)",
                ),
            ),
        ),
        Recordsoort(
            "W",
            "voorwaarden_en_vervolg",
            "Een Voorwaarden en Vervolg afgesloten in de periode (bestond niet in 2015).",
            (
                _v("dienst_id", 10, "N", "volgnummer van de dienst in Zicht"),
                _v("casus_id", 10, "N", "volgnummer van de casus"),
                _v("melding_id", 10, "N", "de melding waarvan het besluit tot V&V leidde"),
                _v("start", 8, "N", "datum start JJJJMMDD"),
                _v("einde", 8, "N", "datum afgesloten JJJJMMDD"),
                _v("op_tijd", 1, "A", "J/N afgesloten binnen 10 weken (na opschorting/verlenging)"),
            ),
        ),
        Recordsoort(
            "T",
            "sluit",
            "Eén per bestand, laatste regel: aantallen ter controle.",
            (
                _v("adviezen", 8, "N", "aantal A-records"),
                _v("meldingen", 8, "N", "aantal M-records"),
                _v("personen", 8, "N", "aantal P-records"),
                _v("onderzoeken", 8, "N", "aantal O-records"),
                _v("uitkomsten", 8, "N", "aantal U-records"),
                _v("vv", 8, "N", "aantal W-records"),
                _v("totaal", 9, "N", "aantal regels inclusief kop en sluit"),
            ),
        ),
    ),
)

#: Every known format by code; the newest is the default for a new delivery.
FORMATEN: dict[str, Formaat] = {ZICHT_V1.code: ZICHT_V1}
STANDAARD = ZICHT_V1.code

SOORT_MELDING: dict[str, str] = {
    "eerste_melding": "1",
    "hermelding": "2",
    "vervolg_tijdens_vb": "3",
    "vervolg_na_vb": "4",
    "vervolg_tijdens_monitoring": "5",
}

ROL: dict[str, str] = {
    "slachtoffer": "S",
    "vermoedelijk_slachtoffer": "S",
    "pleger": "P",
    "vermoedelijk_pleger": "P",
    "kind": "K",
    "getuige": "G",
    "overig": "O",
}

CONCLUSIE: dict[str, str] = {
    "bevestigd": "B",
    "niet_bevestigd": "N",
    "weerlegd": "W",
    "voortijdig_afgesloten": "V",
}

TELLERS: dict[str, str] = {
    "A": "adviezen",
    "M": "meldingen",
    "P": "personen",
    "O": "onderzoeken",
    "U": "uitkomsten",
    "W": "vv",
}

for _r in ZICHT_V1.recordsoorten:  # every record fits the line length
    assert _r.lengte <= ZICHT_V1.regellengte, _r.naam

#: Today's confirmed besluit → the 2015 'vervolg melding' code (``codelijsten.json``,
#: ``besluit_naar_vervolg_melding``; V&V did not exist in 2015 and maps to 02).
VERVOLG_MELDING: dict[str, str] = {
    "onderzoek": "01",
    "rvdk_verzoek": "02",
    "overdracht_na_vb": "02",
    "voorwaarden_en_vervolg": "02",
    "omzetten_in_advies": "03",
    "einde_bemoeienis": "04",
}
