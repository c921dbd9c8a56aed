"""The zorgmelding: a structured police care report as it arrives in the CORV inbox.

The format is described in ``intake/CORV_FORMAT.md`` (``"formaat": "zicht-zorgmelding/1"``).
:func:`lees_zorgmelding` checks one report and returns a :class:`Zorgmelding`, or raises
:class:`ZorgmeldingFout` with every problem found (Dutch, with the JSON path). A file may hold
one report, a list of reports, or ``{"berichten": [...]}``: :func:`berichten_uit`.

What the police send is not checked against our own rules here (a BSN that fails the
elfproef, a birth date in the future): the report is stored as received and the medewerker
corrects such data on the melding page, where the normal rules apply.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

from zicht.people.domain.dates import DatumFout, PartialDate

__all__ = [
    "FORMAAT",
    "ROLLEN",
    "CorvAdres",
    "CorvPersoon",
    "Zorgmelding",
    "ZorgmeldingFout",
    "berichten_uit",
    "lees_geboortedatum",
    "lees_zorgmelding",
]

FORMAAT: Final = "zicht-zorgmelding/1"
ROLLEN: Final = frozenset(
    {
        "slachtoffer",
        "vermoedelijk_slachtoffer",
        "pleger",
        "vermoedelijk_pleger",
        "kind",
        "getuige",
        "overig",
    }
)
GESLACHTEN: Final = frozenset({"V", "M", "O"})
MAX_TEKST: Final = 20_000


class ZorgmeldingFout(ValueError):
    """A report that does not follow the format; ``fouten`` lists every problem."""

    def __init__(self, fouten: Sequence[str]) -> None:
        super().__init__("; ".join(fouten))
        self.fouten = list(fouten)


@dataclass(frozen=True, slots=True)
class CorvAdres:
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    woonplaats: str = ""


@dataclass(frozen=True, slots=True)
class CorvPersoon:
    rol: str
    achternaam: str
    voornamen: str = ""
    tussenvoegsel: str = ""
    bsn: str = ""
    geboortedatum: PartialDate | None = None
    geslacht: str = "O"
    adres: CorvAdres = field(default_factory=CorvAdres)


@dataclass(frozen=True, slots=True)
class Zorgmelding:
    bericht_id: str
    verzonden_op: datetime
    politie_eenheid: str
    opsteller_naam: str
    opsteller_telefoon: str
    opsteller_email: str
    omschrijving: str
    hg_km_indicatie: bool
    acuut: bool
    aanleidingen: tuple[str, ...]
    aarden: tuple[str, ...]
    personen: tuple[CorvPersoon, ...]


def berichten_uit(data: object) -> list[object]:
    """The reports in a file: one object, a list, or ``{"berichten": [...]}``."""
    if isinstance(data, list):
        return list(data)
    if isinstance(data, Mapping) and "berichten" in data:
        berichten = data["berichten"]
        if not isinstance(berichten, list):
            raise ZorgmeldingFout(["‘berichten’ moet een lijst zijn."])
        return list(berichten)
    if isinstance(data, Mapping):
        return [data]
    raise ZorgmeldingFout(["Het bestand bevat geen zorgmelding (verwacht een JSON-object)."])


def lees_geboortedatum(tekst: str) -> PartialDate:
    """``"1985-03-12"``, ``"1985-03"`` or ``"1985"``."""
    delen = tekst.strip().split("-")
    if not 1 <= len(delen) <= 3 or not all(d.isdigit() for d in delen):
        raise DatumFout("Een geboortedatum is JJJJ-MM-DD, JJJJ-MM of JJJJ.")
    getallen = [int(d) for d in delen]
    return PartialDate(*getallen)


class _Lezer:
    def __init__(self) -> None:
        self.fouten: list[str] = []

    def tekst(
        self, obj: Mapping[str, object], sleutel: str, pad: str, *, verplicht: bool = False
    ) -> str:
        waarde = obj.get(sleutel, "")
        if waarde is None:
            waarde = ""
        if not isinstance(waarde, str):
            self.fouten.append(f"{pad}.{sleutel}: verwacht tekst.")
            return ""
        if verplicht and not waarde.strip():
            self.fouten.append(f"{pad}.{sleutel}: ontbreekt.")
        if len(waarde) > MAX_TEKST:
            self.fouten.append(f"{pad}.{sleutel}: te lang (maximaal {MAX_TEKST} tekens).")
            return ""
        return waarde.strip()

    def vlag(self, obj: Mapping[str, object], sleutel: str, pad: str, standaard: bool) -> bool:
        waarde = obj.get(sleutel, standaard)
        if not isinstance(waarde, bool):
            self.fouten.append(f"{pad}.{sleutel}: verwacht true of false.")
            return standaard
        return waarde

    def codes(self, obj: Mapping[str, object], sleutel: str, pad: str) -> tuple[str, ...]:
        waarde = obj.get(sleutel, [])
        if not isinstance(waarde, list) or not all(
            isinstance(c, str) and len(c) == 2 and c.isdigit() for c in waarde
        ):
            self.fouten.append(f"{pad}.{sleutel}: verwacht een lijst codes van twee cijfers.")
            return ()
        return tuple(dict.fromkeys(waarde))

    def object(self, obj: Mapping[str, object], sleutel: str, pad: str) -> Mapping[str, object]:
        waarde = obj.get(sleutel, {})
        if waarde is None:
            return {}
        if not isinstance(waarde, Mapping):
            self.fouten.append(f"{pad}.{sleutel}: verwacht een object.")
            return {}
        return waarde


def _persoon(lezer: _Lezer, obj: object, pad: str) -> CorvPersoon | None:
    if not isinstance(obj, Mapping):
        lezer.fouten.append(f"{pad}: verwacht een object.")
        return None
    rol = lezer.tekst(obj, "rol", pad, verplicht=True)
    if rol and rol not in ROLLEN:
        lezer.fouten.append(f"{pad}.rol: onbekende rol ‘{rol}’.")
    geslacht = lezer.tekst(obj, "geslacht", pad) or "O"
    if geslacht not in GESLACHTEN:
        lezer.fouten.append(f"{pad}.geslacht: gebruik V, M of O.")
        geslacht = "O"
    datum_tekst = lezer.tekst(obj, "geboortedatum", pad)
    datum = None
    if datum_tekst:
        try:
            datum = lees_geboortedatum(datum_tekst)
        except DatumFout as fout:
            lezer.fouten.append(f"{pad}.geboortedatum: {fout.bericht}")
    adres = lezer.object(obj, "adres", pad)
    return CorvPersoon(
        rol=rol,
        achternaam=lezer.tekst(obj, "achternaam", pad, verplicht=True),
        voornamen=lezer.tekst(obj, "voornamen", pad),
        tussenvoegsel=lezer.tekst(obj, "tussenvoegsel", pad),
        bsn=lezer.tekst(obj, "bsn", pad),
        geboortedatum=datum,
        geslacht=geslacht,
        adres=CorvAdres(
            straat=lezer.tekst(adres, "straat", f"{pad}.adres"),
            huisnummer=lezer.tekst(adres, "huisnummer", f"{pad}.adres"),
            postcode=lezer.tekst(adres, "postcode", f"{pad}.adres"),
            woonplaats=lezer.tekst(adres, "woonplaats", f"{pad}.adres"),
        ),
    )


def lees_zorgmelding(data: object, *, pad: str = "bericht") -> Zorgmelding:
    """One report, checked against the format; :class:`ZorgmeldingFout` lists all problems."""
    if not isinstance(data, Mapping):
        raise ZorgmeldingFout([f"{pad}: verwacht een JSON-object."])
    lezer = _Lezer()
    formaat = data.get("formaat")
    if formaat != FORMAAT:
        lezer.fouten.append(f"{pad}.formaat: verwacht ‘{FORMAAT}’.")
    bericht_id = lezer.tekst(data, "bericht_id", pad, verplicht=True)
    if len(bericht_id) > 64:
        lezer.fouten.append(f"{pad}.bericht_id: maximaal 64 tekens.")
    verzonden_tekst = lezer.tekst(data, "verzonden_op", pad, verplicht=True)
    verzonden_op = datetime.min.replace(tzinfo=UTC)  # only used when an error is raised
    if verzonden_tekst:
        try:
            verzonden_op = datetime.fromisoformat(verzonden_tekst)
        except ValueError:
            lezer.fouten.append(f"{pad}.verzonden_op: verwacht een ISO 8601-tijdstip.")
        else:
            if verzonden_op.utcoffset() is None:
                lezer.fouten.append(f"{pad}.verzonden_op: vermeld de tijdzone (zoals +01:00).")
    opsteller = lezer.object(data, "opsteller", pad)
    personen_data = data.get("personen", [])
    personen: list[CorvPersoon] = []
    if not isinstance(personen_data, list):
        lezer.fouten.append(f"{pad}.personen: verwacht een lijst.")
    else:
        for index, item in enumerate(personen_data):
            persoon = _persoon(lezer, item, f"{pad}.personen[{index}]")
            if persoon is not None:
                personen.append(persoon)
    melding = Zorgmelding(
        bericht_id=bericht_id,
        verzonden_op=verzonden_op,
        politie_eenheid=lezer.tekst(data, "politie_eenheid", pad, verplicht=True),
        opsteller_naam=lezer.tekst(opsteller, "naam", f"{pad}.opsteller"),
        opsteller_telefoon=lezer.tekst(opsteller, "telefoon", f"{pad}.opsteller"),
        opsteller_email=lezer.tekst(opsteller, "email", f"{pad}.opsteller"),
        omschrijving=lezer.tekst(data, "omschrijving", pad, verplicht=True),
        hg_km_indicatie=lezer.vlag(data, "hg_km_indicatie", pad, True),
        acuut=lezer.vlag(data, "acuut", pad, False),
        aanleidingen=lezer.codes(data, "aanleiding", pad),
        aarden=lezer.codes(data, "aard", pad),
        personen=tuple(personen),
    )
    if lezer.fouten:
        raise ZorgmeldingFout(lezer.fouten)
    return melding
