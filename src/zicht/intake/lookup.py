"""Eerdere betrokkenheid: is a person named in a new melding already known here?

Intake needs the answer to classify the melding for CBS (DOMAIN §2: a first melding, a
*hermelding* when someone was in a closed casus, a *vervolgmelding* when a casus is open) and to
avoid registering the same person twice. :func:`eerdere_betrokkenheid_zoeken` answers it with a
list of :class:`Kandidaat`: persons who may be the one described, scored 0–100, each with the
casussen they are betrokkene in. It only *proposes*: nothing is linked or merged; the intake
worker decides.

Matching (``people.selectors.persoon_find_matches``): an exact, valid BSN scores 100 (the
code-list conventions ``000000000``/``999999999`` never match); otherwise surname, birth date
and postcode are compared with rapidfuzz over candidates read through indexed blocking keys
— never a full scan — and proposed from a score of 70.

Privacy and access — the rule:

1. Only a user who may register meldingen (:attr:`Perm.MELDING_REGISTREREN`) or see dossiers
   (:attr:`Perm.CASUS_INZIEN`) may search; anyone else (and a municipal account, an inactive
   or anonymous user) gets an empty list, and the page answers 403.
2. The search covers the whole organisation: whether someone is known *anywhere* decides the
   CBS classification, so a casus outside the user's scope still counts.
3. What is shown stops at what the user may open. A casus inside :func:`casus_scope` is
   ``zichtbaar`` (the screen links to it). A casus outside it reveals only *that* it exists,
   its nummer and its status — no link, no team, no content, and never the other members of
   the household.
4. A candidate is shown by a short label only (:attr:`Kandidaat.weergave`: first initial,
   surname, birth year): never the BSN, an address or full first names. A *geheim* (shelter)
   address never takes part in the matching, so the score cannot betray where a victim is.
5. Every search is audited (``EERDERE_BETROKKENHEID_GEZOCHT``) with the number of hits and
   their reden codes only — never the BSN, name, date or postcode that was typed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from django.db.models import BooleanField, ExpressionWrapper, F, Value

from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event, Reden
from zicht.audit.services import audit_event_record
from zicht.casework.access import NIETS, casus_scope
from zicht.casework.models import Casus, CasusStatus
from zicht.people.domain.bsn import BSN, BsnFout
from zicht.people.domain.dates import DatumFout, PartialDate
from zicht.people.selectors import (
    PersoonKandidaat,
    PostcodeFout,
    persoon_find_matches,
    postcode_normaliseren,
)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

__all__ = [
    "MAX_LIMIT",
    "CasusHit",
    "Kandidaat",
    "ZoekFout",
    "eerdere_betrokkenheid_zoeken",
    "geboortedatum_lezen",
    "mag_zoeken",
]

#: The most candidates one search returns.
MAX_LIMIT: Final = 50
#: The most casussen listed per candidate (newest first; open ones before closed ones).
MAX_CASUSSEN: Final = 20

KandidaatReden = Literal["bsn", "naam_geboortedatum"]


@dataclass(frozen=True, slots=True)
class CasusHit:
    """A casus the candidate is betrokkene in. Outside the user's scope (``zichtbaar`` False)
    this is all that is revealed: that it exists, its nummer and its status."""

    casus_id: int
    nummer: str
    status: str
    zichtbaar: bool

    @property
    def is_open(self) -> bool:
        return self.status == CasusStatus.OPEN


@dataclass(frozen=True, slots=True)
class Kandidaat:
    """A person who may be the one described, for the intake screen."""

    persoon_id: int
    #: 0–100; 100 only for the same valid BSN.
    score: int
    reden: KandidaatReden
    #: A short, safe label: ``"J. de Vries (1985)"``. No BSN, no address.
    weergave: str
    casussen: list[CasusHit]

    @property
    def bekend_in_open_casus(self) -> bool:
        return any(hit.is_open for hit in self.casussen)


class ZoekFout(ValueError):
    """Input the look-up cannot use; ``veld`` names the field (or ``None``), ``bericht`` is
    the Dutch message for the user."""

    def __init__(self, veld: str | None, bericht: str) -> None:
        super().__init__(bericht)
        self.veld = veld
        self.bericht = bericht


def mag_zoeken(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Rule 1 of the module docstring."""
    if getattr(user, "gemeente_code", ""):
        return False
    return has_permission(user, Perm.MELDING_REGISTREREN) or has_permission(user, Perm.CASUS_INZIEN)


def geboortedatum_lezen(tekst: str) -> PartialDate | None:
    """``JJJJ-MM-DD``, ``JJJJ-MM`` or ``JJJJ`` as a :class:`PartialDate`; empty gives ``None``.
    Raises :class:`DatumFout` (Dutch message) otherwise."""
    tekst = tekst.strip()
    if not tekst:
        return None
    delen = tekst.split("-")
    if (
        len(delen) > 3
        or len(delen[0]) != 4
        or any(len(deel) != 2 for deel in delen[1:])
        or not all(deel.isascii() and deel.isdigit() for deel in delen)
    ):
        raise DatumFout("Schrijf de geboortedatum als JJJJ-MM-DD, JJJJ-MM of JJJJ.")
    getallen = [int(deel) for deel in delen]
    return PartialDate(*getallen)


def eerdere_betrokkenheid_zoeken(
    *,
    user: AbstractBaseUser | AnonymousUser,
    bsn: str | None = None,
    achternaam: str = "",
    tussenvoegsel: str = "",
    geboortedatum: PartialDate | None = None,
    postcode: str = "",
    limit: int = 10,
    request: HttpRequest | None = None,
) -> list[Kandidaat]:
    """Persons who may be the one described, best first, with their casussen (see the module
    docstring for the rules). Raises :class:`ZoekFout` for a malformed BSN or postcode, or
    when neither a BSN nor a surname is given. A constant number of queries: the postcode's
    persons, the candidates, their casussen, and the audit row."""
    if not mag_zoeken(user):
        return []
    geldig_bsn = _bsn_lezen(bsn)
    try:
        postcode = postcode_normaliseren(postcode)
    except PostcodeFout as fout:
        raise ZoekFout("postcode", fout.bericht) from None
    if geldig_bsn is None and not achternaam.strip():
        if bsn and bsn.strip():  # a convention alone: there is nothing to compare
            raise ZoekFout(
                "achternaam",
                "Dit BSN is een codelijstconventie (onbekend of ongeboren) en zoekt niet; "
                "vul ook de achternaam in.",
            )
        raise ZoekFout(None, "Vul een BSN of een achternaam in om te zoeken.")
    limit = max(0, min(limit, MAX_LIMIT))
    matches = persoon_find_matches(
        bsn=geldig_bsn,
        achternaam=achternaam,
        tussenvoegsel=tussenvoegsel,
        geboortedatum=geboortedatum,
        postcode=postcode,
        limit=limit,
    )
    per_persoon = _casussen(user, [m.pk for m in matches])
    kandidaten = [
        Kandidaat(
            persoon_id=m.pk,
            score=m.score,
            reden=m.reden,
            weergave=_weergave(m.kandidaat),
            casussen=per_persoon.get(m.pk, []),
        )
        for m in matches
    ]
    _audit(user, kandidaten, request)
    return kandidaten


def _bsn_lezen(bsn: str | None) -> str | None:
    """The nine digits of a real BSN; ``None`` when empty or a code-list convention."""
    if bsn is None or not bsn.strip():
        return None
    try:
        waarde = BSN.parse(bsn)
    except BsnFout as fout:
        raise ZoekFout("bsn", fout.bericht) from None
    return None if waarde.is_convention else waarde.waarde


def _casussen(
    user: AbstractBaseUser | AnonymousUser, persoon_ids: list[int]
) -> dict[int, list[CasusHit]]:
    """The casussen of each person, in one query; ``zichtbaar`` is the user's scope evaluated
    in the same SQL (rule 3)."""
    if not persoon_ids:
        return {}
    scope = casus_scope(user)
    zichtbaar = (
        Value(False) if scope is NIETS else ExpressionWrapper(scope, output_field=BooleanField())
    )
    rows = (
        Casus.objects.filter(betrokkenen__persoon_id__in=persoon_ids)
        .annotate(persoon_id=F("betrokkenen__persoon_id"), zichtbaar=zichtbaar)
        .order_by("-geopend_op", "-pk")
        .values_list("persoon_id", "pk", "nummer", "status", "zichtbaar")
    )
    per_persoon: dict[int, dict[int, CasusHit]] = {}
    for persoon_id, casus_id, nummer, status, mag_zien in rows:
        hits = per_persoon.setdefault(persoon_id, {})
        if casus_id not in hits:  # two roles in one casus: one hit
            hits[casus_id] = CasusHit(casus_id, nummer, status, bool(mag_zien))
    return {
        # open casussen first (a vervolgmelding), then closed ones, each newest first
        persoon_id: sorted(hits.values(), key=lambda h: not h.is_open)[:MAX_CASUSSEN]
        for persoon_id, hits in per_persoon.items()
    }


def _weergave(kandidaat: PersoonKandidaat) -> str:
    """``"J. de Vries (1985)"``; ``"ongeboren kind de Vries (verwacht 2026)"``."""
    achternaam = " ".join(p for p in (kandidaat.tussenvoegsel, kandidaat.achternaam) if p)
    if kandidaat.ongeboren and kandidaat.geboortedatum is None:
        verwacht = kandidaat.verwachte_geboortedatum
        jaar = f" (verwacht {verwacht.year})" if verwacht else ""
        return f"ongeboren kind {achternaam}{jaar}"
    voorletter = kandidaat.voornamen.strip()[:1].upper()
    naam = f"{voorletter}. {achternaam}" if voorletter else achternaam
    jaar = str(kandidaat.geboortedatum.year) if kandidaat.geboortedatum else "geboortejaar onbekend"
    return f"{naam} ({jaar})"


def _audit(
    user: AbstractBaseUser | AnonymousUser,
    kandidaten: list[Kandidaat],
    request: HttpRequest | None,
) -> None:
    redenen = Counter(k.reden for k in kandidaten)
    audit_event_record(
        event=Event.EERDERE_BETROKKENHEID_GEZOCHT,
        actor=user,
        reason=Reden.BEHANDELING,
        data={"treffers": len(kandidaten), "redenen": dict(sorted(redenen.items()))},
        request=request,
    )
