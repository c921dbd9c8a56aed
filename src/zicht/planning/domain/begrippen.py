"""The nouns of planning: the services (diensten), the growth scenarios and the status of a value.

Pure: no Django. The codes are stored in the database and in the parameter keys, so they never
change; the labels are Dutch and may.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DIENSTEN_MELDINGSSTROOM", "Bronstatus", "Dienst", "Scenario"]


class Dienst(StrEnum):
    """The eight services of the handelingsprotocol plus the two regional tasks, as the budget
    counts them (the seed's table "Dienstverlening / Aantallen"; melding and veiligheids-
    beoordeling are one line there)."""

    ADVIES = "advies"
    MELDING_EN_VEILIGHEIDSBEOORDELING = "melding_en_veiligheidsbeoordeling"
    OVERDRACHT_NA_VEILIGHEIDSBEOORDELING = "overdracht_na_veiligheidsbeoordeling"
    VOORWAARDEN_EN_VERVOLG = "voorwaarden_en_vervolg"
    ONDERZOEK = "onderzoek"
    OVERDRACHT_NA_BEMOEIENIS = "overdracht_na_bemoeienis"
    MONITOREN = "monitoren"
    TIJDELIJK_HUISVERBOD = "tijdelijk_huisverbod"
    VOORLICHTING = "voorlichting"

    @property
    def label(self) -> str:
        return _DIENST_LABELS[self]


_DIENST_LABELS: dict[Dienst, str] = {
    Dienst.ADVIES: "Advies en ondersteuning",
    Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING: "Melding en veiligheidsbeoordeling",
    Dienst.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING: "Overdracht na veiligheidsbeoordeling",
    Dienst.VOORWAARDEN_EN_VERVOLG: "Voorwaarden en vervolg",
    Dienst.ONDERZOEK: "Onderzoek",
    Dienst.OVERDRACHT_NA_BEMOEIENIS: "Overdracht na bemoeienis",
    Dienst.MONITOREN: "Monitoren",
    Dienst.TIJDELIJK_HUISVERBOD: "Tijdelijk huisverbod",
    Dienst.VOORLICHTING: "Voorlichting",
}

#: The decisions after the veiligheidsbeoordeling that the flow fractions describe.
DIENSTEN_MELDINGSSTROOM: tuple[Dienst, ...] = (
    Dienst.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING,
    Dienst.VOORWAARDEN_EN_VERVOLG,
    Dienst.ONDERZOEK,
)


class Scenario(StrEnum):
    """Growth scenarios of the national Impactanalyse Veilig Thuis (2017)."""

    LAAG = "laag"
    MIDDEN = "midden"
    HOOG = "hoog"

    @property
    def label(self) -> str:
        return {"laag": "Laag", "midden": "Midden", "hoog": "Hoog"}[self.value]


class Bronstatus(StrEnum):
    """How sure a value is: stated in a source, derived from stated numbers, or assumed."""

    PUBLISHED = "published"
    INFERRED = "inferred"
    ASSUMED = "assumed"

    @property
    def label(self) -> str:
        return {
            "published": "gepubliceerd",
            "inferred": "afgeleid",
            "assumed": "aangenomen",
        }[self.value]
