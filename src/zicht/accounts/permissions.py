"""The permission catalogue, declared once.

Roles are data (Django groups holding these permissions); code asks for a permission,
never for a role or group name. Each member's value is the codename of a Django
permission on ``accounts.User``; use :func:`has_permission` to check one.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


class Perm(StrEnum):
    """Every permission Zicht knows. Labels are Dutch (shown to the functioneel beheerder)."""

    # Casework (dossiers)
    CASUS_INZIEN = "casus_inzien"
    CASUS_BEWERKEN = "casus_bewerken"
    CASUS_NOODTOEGANG = "casus_noodtoegang"
    MEDISCHE_NOTITIE = "medische_notitie"
    # Intake
    ADVIES_REGISTREREN = "advies_registreren"
    MELDING_REGISTREREN = "melding_registreren"
    # Assessment and decisions
    VEILIGHEIDSBEOORDELING_UITVOEREN = "veiligheidsbeoordeling_uitvoeren"
    BESLUIT_MEEBESLISSEN = "besluit_meebeslissen"
    BESLUIT_DESKUNDIGE = "besluit_deskundige"
    # Follow-up services and work steering
    DIENST_UITVOEREN = "dienst_uitvoeren"
    WERK_VERDELEN = "werk_verdelen"
    WERKVOORRAAD_INZIEN = "werkvoorraad_inzien"
    # Reports and planning
    RAPPORTAGE_INZIEN = "rapportage_inzien"
    CBS_AANLEVEREN = "cbs_aanleveren"
    PLANNING_BEHEREN = "planning_beheren"
    GEMEENTE_RAPPORTAGE = "gemeente_rapportage"
    # Administration and privacy
    GEBRUIKERS_BEHEREN = "gebruikers_beheren"
    CODELIJSTEN_BEHEREN = "codelijsten_beheren"
    AUDIT_INZIEN = "audit_inzien"
    NOODTOEGANG_TOETSEN = "noodtoegang_toetsen"
    VERNIETIGING_BEHEREN = "vernietiging_beheren"
    API_GEBRUIKEN = "api_gebruiken"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[Perm, str] = {
    Perm.CASUS_INZIEN: "Dossiers van het eigen team inzien",
    Perm.CASUS_BEWERKEN: "Dossiers bewerken en journaal bijhouden",
    Perm.CASUS_NOODTOEGANG: "Noodtoegang (break-the-glass) tot een dossier buiten het eigen team",
    Perm.MEDISCHE_NOTITIE: "Medische notities lezen en schrijven",
    Perm.ADVIES_REGISTREREN: "Adviezen registreren",
    Perm.MELDING_REGISTREREN: "Meldingen registreren",
    Perm.VEILIGHEIDSBEOORDELING_UITVOEREN: (
        "Veiligheidsbeoordelingen uitvoeren en besluit voorstellen"
    ),
    Perm.BESLUIT_MEEBESLISSEN: "Als collega een besluit bevestigen (vier ogen)",
    Perm.BESLUIT_DESKUNDIGE: "Als gedragsdeskundige of vertrouwensarts meebeslissen",
    Perm.DIENST_UITVOEREN: "Diensten uitvoeren (overdracht, V&V, onderzoek, monitoren)",
    Perm.WERK_VERDELEN: "Werk verdelen en toewijzen",
    Perm.WERKVOORRAAD_INZIEN: "Werkvoorraad, wachtlijst en caseload inzien",
    Perm.RAPPORTAGE_INZIEN: "Managementrapportages en dashboard inzien",
    Perm.CBS_AANLEVEREN: "CBS-aanlevering maken en valideren",
    Perm.PLANNING_BEHEREN: "Formatie, begroting en scenario's beheren",
    Perm.GEMEENTE_RAPPORTAGE: "Geaggregeerde rapportage van de eigen gemeente inzien",
    Perm.GEBRUIKERS_BEHEREN: "Gebruikers, teams en rollen beheren",
    Perm.CODELIJSTEN_BEHEREN: "Codelijsten, termijnen en feestdagen beheren",
    Perm.AUDIT_INZIEN: "Auditlog inzien",
    Perm.NOODTOEGANG_TOETSEN: "Noodtoegang achteraf toetsen",
    Perm.VERNIETIGING_BEHEREN: "Bewaartermijnen en vernietiging beheren",
    Perm.API_GEBRUIKEN: "De REST-API gebruiken met een token",
}


def has_permission(user: AbstractBaseUser | AnonymousUser, perm: Perm) -> bool:
    """True when the (active, authenticated) user holds ``perm`` through one of their roles."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.has_perm(f"accounts.{perm.value}"))  # type: ignore[union-attr]
