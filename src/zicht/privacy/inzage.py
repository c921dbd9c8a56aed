"""The inzage/copy export of one person (AVG art. 15; DOMAIN §6), as HTML and PDF.

Built by construction from an allow-list, never by hiding fields of a full dump:

- the person's own identifying data and *non-secret* addresses (a secret address is named as
  such, never printed: a representative may be the other party);
- per casus in which the person is betrokkene: number, own role(s), dates, the meldingen's
  signalen and the journaal — with the names of every *other* person of that casus, and the
  name, organisation, phone and e-mail of every melder and informant, replaced by a neutral
  label; informant items, medical journaal items and the melder's identity are left out;
- medical notes only when the vertrouwensarts released them (``MedischeNotitieVrijgave``);
- the person's own statements and correction requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone

from zicht.casework.models import (
    Betrokkene,
    Casus,
    JournaalItem,
    JournaalSoort,
    MedischeNotitie,
)
from zicht.intake.models import Informant, Melding
from zicht.people.models import Adres, Persoon

ANDER = "[andere betrokkene]"
BRON = "[bron afgeschermd]"


@dataclass
class CasusInzage:
    nummer: str
    rollen: list[str]
    geopend_op: datetime
    gesloten_op: datetime | None
    meldingen: list[tuple[datetime, str]] = field(default_factory=list)
    journaal: list[tuple[datetime, str, str]] = field(default_factory=list)
    medisch: list[tuple[datetime, str]] = field(default_factory=list)
    verklaringen: list[tuple[date, str]] = field(default_factory=list)
    correcties: list[tuple[date, str, str]] = field(default_factory=list)


@dataclass
class Inzage:
    naam: str
    geboortedatum: str
    bsn: str
    adressen: list[str]
    casussen: list[CasusInzage]
    gemaakt_op: datetime


def _afschermer(termen: dict[str, str]) -> re.Pattern[str] | None:
    woorden = sorted((t for t in termen if len(t) >= 2), key=len, reverse=True)
    if not woorden:
        return None
    return re.compile(
        r"(?<!\w)(" + "|".join(re.escape(w) for w in woorden) + r")(?!\w)", re.IGNORECASE
    )


def _afschermen(tekst: str, termen: dict[str, str]) -> str:
    patroon = _afschermer(termen)
    if patroon is None:
        return tekst
    lower = {k.lower(): v for k, v in termen.items()}
    return patroon.sub(lambda m: lower.get(m.group(0).lower(), ANDER), tekst)


def _termen_van_casus(casus: Casus, persoon: Persoon) -> dict[str, str]:
    """Words to replace in the texts of ``casus``: other people's names, and every source."""
    termen: dict[str, str] = {}
    eigen = {persoon.achternaam.lower()} if persoon.achternaam else set()
    for b in (
        Betrokkene.objects.filter(casus=casus).exclude(persoon=persoon).select_related("persoon")
    ):
        ander = b.persoon
        termen[ander.volledige_naam] = ANDER
        for deel in ander.voornamen.split():
            termen[deel] = ANDER
        if ander.achternaam and ander.achternaam.lower() not in eigen:
            termen[ander.achternaam] = ANDER
    bronnen: list[object] = [
        m.melder for m in Melding.objects.filter(casus=casus).select_related("melder")
    ]
    bronnen += list(Informant.objects.filter(casus=casus))
    for bron in bronnen:
        for veld in ("naam", "organisatie", "telefoon", "email"):
            waarde = (getattr(bron, veld, "") or "").strip()
            if waarde:
                termen[waarde] = BRON
                if veld == "naam":
                    for deel in waarde.replace(".", " ").split():
                        if len(deel) > 2:
                            termen[deel] = BRON
    # The person's own name parts are never replaced.
    for deel in (persoon.volledige_naam, *persoon.voornamen.split(), persoon.achternaam):
        termen.pop(deel, None)
    return termen


def inzage_samenstellen(persoon: Persoon, *, nu: datetime | None = None) -> Inzage:
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    adressen = []
    for a in Adres.objects.filter(persoon=persoon).order_by("geldig_van", "pk"):
        if a.geheim:
            adressen.append("geheim adres (niet opgenomen in deze inzage)")
        elif a.geldig_tot is None or a.geldig_tot >= vandaag:
            adressen.append(
                " ".join(p for p in (a.straat, a.huisnummer, a.postcode, a.woonplaats) if p)
            )
    casussen: dict[int, CasusInzage] = {}
    for b in (
        Betrokkene.objects.filter(persoon=persoon).select_related("casus").order_by("casus_id")
    ):
        c = b.casus
        item = casussen.setdefault(c.pk, CasusInzage(c.nummer, [], c.geopend_op, c.gesloten_op))
        item.rollen.append(b.get_rol_display())
    for casus_id, item in casussen.items():
        casus = Casus.objects.get(pk=casus_id)
        termen = _termen_van_casus(casus, persoon)
        for m in Melding.objects.filter(casus=casus).order_by("ontvangen_op"):
            item.meldingen.append((m.ontvangen_op, _afschermen(m.signalen, termen)))
        for j in (
            JournaalItem.objects.filter(casus=casus, medisch=False)
            .exclude(soort=JournaalSoort.INFORMANT)
            .order_by("moment", "pk")
        ):
            item.journaal.append((j.moment, j.get_soort_display(), _afschermen(j.tekst, termen)))
        for n in MedischeNotitie.objects.filter(casus=casus, vrijgave__isnull=False).order_by(
            "moment"
        ):
            item.medisch.append((n.moment, _afschermen(n.tekst, termen)))
        for v in persoon.eigen_verklaringen.filter(casus=casus).order_by("ontvangen_op"):
            item.verklaringen.append((v.ontvangen_op, v.tekst))
        for k in persoon.correctieverzoeken.filter(casus=casus).order_by("ontvangen_op"):
            item.correcties.append((k.ontvangen_op, k.verzoek, k.get_besluit_display()))
    return Inzage(
        naam=persoon.volledige_naam,
        geboortedatum=str(persoon.geboortedatum or "onbekend"),
        bsn=persoon.bsn_gemaskeerd,
        adressen=adressen,
        casussen=list(casussen.values()),
        gemaakt_op=nu,
    )


def inzage_html(inzage: Inzage, *, organisatie: str) -> str:
    return render_to_string(
        "privacy/inzage_export.html", {"inzage": inzage, "organisatie": organisatie}
    )


def inzage_pdf(inzage: Inzage, *, organisatie: str) -> bytes:
    import weasyprint  # lazy: heavy

    pdf: bytes = weasyprint.HTML(string=inzage_html(inzage, organisatie=organisatie)).write_pdf()
    return pdf
