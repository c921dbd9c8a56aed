"""Volumes and flow of the demo organisation: the published 2019 plan of Veilig Thuis
Noord-Holland Noord (programmabegroting 2019; DOMAIN §2, §10). ``--schaal 1`` reproduces them.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "ADVIEZEN_PER_JAAR",
    "MELDINGEN_PER_JAAR",
    "UITKOMSTEN",
    "UITKOMST_GEWICHTEN",
    "VERVOLG_AANDEEL",
    "aantal_adviezen",
    "aantal_casussen",
    "aantal_meldingen",
]

#: Meldingen (with a veiligheidsbeoordeling) per year, NHN 2019 (published).
MELDINGEN_PER_JAAR = 4430
#: Adviezen per year, NHN 2019 (published).
ADVIEZEN_PER_JAAR = 5045
#: Share of meldingen that arrive while VT is still involved (vervolgmeldingen on an open
#: casus; national figure, DOMAIN §10). The other meldingen each open a new casus.
VERVOLG_AANDEEL = 0.285

#: Where a melding goes after the veiligheidsbeoordeling, in thousandths (2019 plan: 1,998
#: overdracht na VB, 1,016 V&V and 618 onderzoek of 4,430; the rest, ~18%, ends without
#: follow-up — our inference, the plan does not say).
UITKOMST_GEWICHTEN: dict[str, int] = {
    "overdracht_na_vb": 451,
    "voorwaarden_en_vervolg": 229,
    "onderzoek": 140,
    "einde_bemoeienis": 180,
}
UITKOMSTEN = tuple(UITKOMST_GEWICHTEN)


def _per_jaar(per_jaar: float, vanaf: date, tot: date, schaal: float) -> int:
    dagen = (tot - vanaf).days + 1
    return max(0, round(per_jaar * schaal * dagen / 365.25))


def aantal_meldingen(vanaf: date, tot: date, schaal: float) -> int:
    """Meldingen received between ``vanaf`` and ``tot`` (inclusive) at ``schaal``."""
    return _per_jaar(MELDINGEN_PER_JAAR, vanaf, tot, schaal)


def aantal_casussen(vanaf: date, tot: date, schaal: float) -> int:
    """New casussen between ``vanaf`` and ``tot`` (inclusive) at ``schaal``: one per melding
    that is not a vervolgmelding."""
    return _per_jaar(MELDINGEN_PER_JAAR * (1 - VERVOLG_AANDEEL), vanaf, tot, schaal)


def aantal_adviezen(vanaf: date, tot: date, schaal: float) -> int:
    """Adviezen given between ``vanaf`` and ``tot`` (inclusive) at ``schaal``."""
    return _per_jaar(ADVIEZEN_PER_JAAR, vanaf, tot, schaal)
