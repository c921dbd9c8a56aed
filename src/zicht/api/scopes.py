"""The scopes an API client can hold: one per resource and action (``resource:actie``).

A client's call needs the scope of the route's resource and the action its method implies
(GET → ``lezen``, POST → ``aanmaken``, PUT/PATCH → ``wijzigen``); a route may name another
action (a POST that only computes is ``lezen``, a confirmation is ``wijzigen``). On top of the
scope the linked service user's permissions and team decide, exactly as for a person.
``personen:bsn`` is not a resource of its own: it lets BSNs appear in person data.
"""

from __future__ import annotations

LEZEN = "lezen"
AANMAKEN = "aanmaken"
WIJZIGEN = "wijzigen"

ACTIE_LABELS = {LEZEN: "lezen", AANMAKEN: "aanmaken", WIJZIGEN: "wijzigen"}

#: resource → (label, actions it has)
RESOURCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "adviezen": ("Adviezen", (LEZEN, AANMAKEN)),
    "meldingen": ("Meldingen", (LEZEN, AANMAKEN)),
    "corv-berichten": ("CORV-berichten (inbox politie)", (LEZEN, AANMAKEN, WIJZIGEN)),
    "casussen": ("Casussen", (LEZEN,)),
    "personen": ("Personen (beperkt)", (LEZEN,)),
    "veiligheidsbeoordelingen": ("Veiligheidsbeoordelingen", (LEZEN, WIJZIGEN)),
    "besluiten": ("Besluiten", (LEZEN, AANMAKEN, WIJZIGEN)),
    "diensten": ("Diensten", (LEZEN, WIJZIGEN)),
    "overdrachten": ("Overdrachten", (LEZEN, WIJZIGEN)),
    "monitoring-contacten": ("Monitoringscontacten", (LEZEN, AANMAKEN)),
    "huisverboden": ("Huisverboden", (LEZEN, AANMAKEN, WIJZIGEN)),
    "tijdboekingen": ("Urenboekingen (eigen)", (LEZEN, AANMAKEN, WIJZIGEN)),
    "toewijzingen": ("Werkverdeling (toewijzen)", (LEZEN, AANMAKEN)),
    "voorlichtingen": ("Voorlichtingen", (LEZEN, AANMAKEN, WIJZIGEN)),
    "rapporten": ("Rapportages en exports", (LEZEN, AANMAKEN)),
    "planning": ("Planning (scenario doorrekenen)", (LEZEN,)),
}

BSN_SCOPE = "personen:bsn"


def scope_code(resource: str, actie: str) -> str:
    return f"{resource}:{actie}"


def scope_choices() -> list[tuple[str, str]]:
    """Every scope with a Dutch label, for the management page."""
    keuzes = [
        (scope_code(resource, actie), f"{label}: {ACTIE_LABELS[actie]}")
        for resource, (label, acties) in RESOURCES.items()
        for actie in acties
    ]
    keuzes.append((BSN_SCOPE, "Personen: BSN zien"))
    return keuzes


ALLE_SCOPES = frozenset(code for code, _label in scope_choices())
