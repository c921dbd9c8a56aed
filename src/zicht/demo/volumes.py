"""Volumes and flow of the demo organisation: the published 2019 plan of Veilig Thuis
Noord-Holland Noord (programmabegroting 2019; DOMAIN §2). ``--schaal 1`` reproduces them.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "MELDINGEN_PER_JAAR",
    "UITKOMSTEN",
    "UITKOMST_GEWICHTEN",
    "aantal_casussen",
]

#: Meldingen (with a veiligheidsbeoordeling) per year, NHN 2019 (published). The demo opens one
#: new casus per melding.
MELDINGEN_PER_JAAR = 4430

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


def aantal_casussen(vanaf: date, tot: date, schaal: float) -> int:
    """New casussen between ``vanaf`` and ``tot`` (inclusive) at ``schaal``."""
    dagen = (tot - vanaf).days + 1
    return max(0, round(MELDINGEN_PER_JAAR * schaal * dagen / 365.25))
