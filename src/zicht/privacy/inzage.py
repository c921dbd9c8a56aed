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
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone

from zicht.casework.models import (
    Betrokkene,
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


def _termen_van_casus(
    persoon: Persoon, anderen: list[Persoon], bronnen: list[object]
) -> dict[str, str]:
    """Words to replace in the texts of a casus: the names of the ``anderen`` (the other
    betrokkenen), and every detail of every source (melders, informants)."""
    termen: dict[str, str] = {}
    eigen = {persoon.achternaam.lower()} if persoon.achternaam else set()
    for ander in anderen:
        termen[ander.volledige_naam] = ANDER
        for deel in ander.voornamen.split():
            termen[deel] = ANDER
        if ander.achternaam and ander.achternaam.lower() not in eigen:
            termen[ander.achternaam] = ANDER
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
    """The inzage of ``persoon``. A fixed number of queries however many casussen the person
    is in: each kind of data is read once for all of them, then sorted per casus."""
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
        Betrokkene.objects.filter(persoon=persoon)
        .select_related("casus")
        .order_by("casus_id", "pk")
    ):
        c = b.casus
        item = casussen.setdefault(c.pk, CasusInzage(c.nummer, [], c.geopend_op, c.gesloten_op))
        item.rollen.append(b.get_rol_display())
    ids = list(casussen)
    if not ids:
        return _inzage(persoon, adressen, casussen, nu)
    anderen: dict[int, list[Persoon]] = defaultdict(list)
    for b in (
        Betrokkene.objects.filter(casus_id__in=ids)
        .exclude(persoon=persoon)
        .select_related("persoon")
        .order_by("casus_id", "pk")
    ):
        anderen[b.casus_id].append(b.persoon)
    bronnen: dict[int, list[object]] = defaultdict(list)
    meldingen: dict[int, list[Melding]] = defaultdict(list)
    for m in (
        Melding.objects.filter(casus_id__in=ids)
        .select_related("melder")
        .order_by("casus_id", "ontvangen_op", "pk")
    ):
        meldingen[m.casus_id].append(m)
        bronnen[m.casus_id].append(m.melder)
    for i in Informant.objects.filter(casus_id__in=ids).order_by("casus_id", "pk"):
        bronnen[i.casus_id].append(i)
    termen = {c: _termen_van_casus(persoon, anderen[c], bronnen[c]) for c in ids}
    for casus_id, lijst in meldingen.items():
        casussen[casus_id].meldingen = [
            (m.ontvangen_op, _afschermen(m.signalen, termen[casus_id])) for m in lijst
        ]
    for j in (
        JournaalItem.objects.filter(casus_id__in=ids, medisch=False)
        .exclude(soort=JournaalSoort.INFORMANT)
        .order_by("moment", "pk")
    ):
        casussen[j.casus_id].journaal.append(
            (j.moment, j.get_soort_display(), _afschermen(j.tekst, termen[j.casus_id]))
        )
    for n in MedischeNotitie.objects.filter(casus_id__in=ids, vrijgave__isnull=False).order_by(
        "moment", "pk"
    ):
        casussen[n.casus_id].medisch.append((n.moment, _afschermen(n.tekst, termen[n.casus_id])))
    for v in persoon.eigen_verklaringen.filter(casus_id__in=ids).order_by("ontvangen_op", "pk"):
        casussen[v.casus_id].verklaringen.append((v.ontvangen_op, v.tekst))
    for k in persoon.correctieverzoeken.filter(casus_id__in=ids).order_by("ontvangen_op", "pk"):
        if k.casus_id is not None:  # always: filtered on the casussen
            item = casussen[k.casus_id]
            item.correcties.append((k.ontvangen_op, k.verzoek, k.get_besluit_display()))
    return _inzage(persoon, adressen, casussen, nu)


def _inzage(
    persoon: Persoon, adressen: list[str], casussen: dict[int, CasusInzage], nu: datetime
) -> Inzage:
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
