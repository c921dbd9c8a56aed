"""Navigation by role: each item appears only for users holding its permission."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from zicht.accounts.permissions import Perm, has_permission


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: Perm | tuple[Perm, ...] | None


# Later capabilities add their entries here (one place, ordered as the work flows).
NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Overzicht", "home", None),
    NavItem("Voordeur", "intake:voordeur", Perm.MELDING_REGISTREREN),
    NavItem("Nieuwe meldingen", "intake:nieuwe-meldingen", Perm.VEILIGHEIDSBEOORDELING_UITVOEREN),
    NavItem("Beoordelingen", "assessment:werklijst", Perm.VEILIGHEIDSBEOORDELING_UITVOEREN),
    NavItem("Termijnen", "assessment:termijnen", Perm.WERKVOORRAAD_INZIEN),
    NavItem("Dossiers", "casework:list", Perm.CASUS_INZIEN),
    NavItem("Radar", "radar:signalen", Perm.CASUS_INZIEN),
    NavItem(
        "Mijn werk",
        "diensten:mijn-werk",
        (Perm.DIENST_UITVOEREN, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN),
    ),
    NavItem("Diensten", "diensten:lijsten", (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN)),
    NavItem(
        "Werkverdeling", "diensten:werkverdeling", (Perm.WERK_VERDELEN, Perm.WERKVOORRAAD_INZIEN)
    ),
    NavItem(
        "Huisverboden", "diensten:huisverboden", (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN)
    ),
    NavItem(
        "Voorlichting",
        "diensten:voorlichtingen",
        (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN),
    ),
    NavItem(
        "Uren", "diensten:uren", (Perm.DIENST_UITVOEREN, Perm.VEILIGHEIDSBEOORDELING_UITVOEREN)
    ),
    NavItem("Planning", "planning:begroting", (Perm.PLANNING_BEHEREN, Perm.RAPPORTAGE_INZIEN)),
    NavItem("Noodtoegang", "casework:noodtoegang", Perm.CASUS_NOODTOEGANG),
    NavItem(
        "Rapportage",
        "reporting:index",
        (Perm.RAPPORTAGE_INZIEN, Perm.CBS_AANLEVEREN, Perm.GEMEENTE_RAPPORTAGE),
    ),
    NavItem("Auditlog", "audit:list", Perm.AUDIT_INZIEN),
    NavItem(
        "Privacy",
        "privacy:overzicht",
        (Perm.AUDIT_INZIEN, Perm.NOODTOEGANG_TOETSEN, Perm.VERNIETIGING_BEHEREN),
    ),
    NavItem("Gebruikers", "accounts:user-list", Perm.GEBRUIKERS_BEHEREN),
    NavItem("Teams", "accounts:team-list", Perm.GEBRUIKERS_BEHEREN),
    NavItem("Rollen", "accounts:role-list", Perm.GEBRUIKERS_BEHEREN),
    NavItem("API-clients", "api-beheer:client-list", Perm.GEBRUIKERS_BEHEREN),
    NavItem("Kalender", "kalender", Perm.CODELIJSTEN_BEHEREN),
    NavItem("Triage-instrument", "assessment:instrument", Perm.CODELIJSTEN_BEHEREN),
    NavItem("Ketenpartners", "diensten:ketenpartners", Perm.CODELIJSTEN_BEHEREN),
    NavItem("Monitoringsbeleid", "diensten:monitoringsbeleid", Perm.CODELIJSTEN_BEHEREN),
)


def navigation(request: HttpRequest) -> dict[str, object]:
    items = []
    user = getattr(request, "user", None)
    verified = bool(user and user.is_authenticated and user.is_verified())  # type: ignore[attr-defined]
    if verified:
        current = request.path
        for item in NAVIGATION:
            perms = (item.perm,) if isinstance(item.perm, Perm) else item.perm or ()
            if perms and not any(has_permission(user, p) for p in perms):  # type: ignore[arg-type]
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue  # the capability is not installed in this build
            active = current == url if url == "/" else current.startswith(url)
            items.append({"label": item.label, "url": url, "active": active})
    return {
        "nav_items": items,
        "zicht_demo": settings.ZICHT_DEMO,
        "zicht_organisatie": settings.ZICHT_ORGANISATIE,
    }
