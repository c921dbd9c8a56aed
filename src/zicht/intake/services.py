"""Writes of the front door: adviezen, meldingen (with casus, persons, betrokkenen, journaal and
tasks), informants, the CORV inbox and drafts. Keyword-only, typed, atomic, audited (2xx).

Access is the caller's job (permission → 403, scope → 404); these functions enforce the rules.
Errors are :class:`ValidationError` with a dict keyed by field and Dutch messages; person rows
are keyed ``"personen.<index>.<field>"``. Nothing is saved when one is raised.

**Source protection.** Audit data holds ids, codes and counts only — never a name, a BSN, an
address or a melder's details; the journaal text written here (which may one day reach the
family through inzage) holds no melder or informant identity either.

**Once only.** A melding and an advies carry the one-time token of their form (unique): a
double click or a resubmitted form returns the first one (``nieuw=False``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record, audit_gebundeld
from zicht.casework.models import Betrokkene, Casus, CasusStatus, JournaalSoort
from zicht.casework.services import (
    NieuweTaak,
    betrokkenen_add,
    casus_open,
    journaal_add,
    taak_create,
    taken_create,
)
from zicht.core.domain.terms import deadline
from zicht.core.selectors import calendar_current, termijn_get
from zicht.intake.domain.classificatie import (
    FaseBepaler,
    classificeer,
    fase_standaard,
)
from zicht.intake.domain.codelijsten import HOEDANIGHEID_LIJSTEN, Codelijst
from zicht.intake.domain.corv import Zorgmelding, ZorgmeldingFout, lees_zorgmelding
from zicht.intake.domain.regels import (
    HOEDANIGHEID_MEDEWERKER_VT,
    KANAAL_LABELS,
    Kanaal,
    PersoonFeiten,
    RelatieKeuze,
    adviesvrager_regels,
    is_volwassen,
    melder_regels,
    melding_regels,
    ontvangst_regels,
)
from zicht.intake.models import (
    Advies,
    Code,
    Concept,
    ConceptSoort,
    CorvBericht,
    CorvStatus,
    Informant,
    Melder,
    Melding,
    MeldingBetrokkene,
)
from zicht.intake.selectors import ontvangend_team
from zicht.people.domain.bsn import BSN, BsnFout
from zicht.people.domain.dates import DatumFout, PartialDate, validate_geboortedatum
from zicht.people.models import Adres, Gemeente, Persoon, RelatieSoort
from zicht.people.services import adres_add, persoon_create, relaties_add

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = [
    "AdviesInvoer",
    "BronInvoer",
    "MeldingInvoer",
    "PersoonInvoer",
    "Registratie",
    "advies_register",
    "concept_opslaan",
    "concept_verwijderen",
    "concepten_opruimen",
    "corv_bericht_ontvangen",
    "corv_niet_hgkm",
    "informant_vastleggen",
    "melding_register",
]

#: The largest draft kept (bytes of JSON): a form, not a file store.
CONCEPT_MAX_BYTES = 200_000
#: How long an untouched draft is kept (and offered for restoring).
CONCEPT_BEWAARTERMIJN = timedelta(days=14)

BETROKKENE_VOLGORDE = ("slachtoffer", "vermoedelijk_slachtoffer", "kind")


def _nu(nu: datetime | None) -> datetime:
    return nu if nu is not None else timezone.now()


# --- Input ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BronInvoer:
    """A melder, adviesvrager or informant as typed (``hoedanigheid`` is a code)."""

    hoedanigheid: str
    naam: str = ""
    organisatie: str = ""
    telefoon: str = ""
    email: str = ""
    anoniem: bool = False
    anoniem_naar_gezin: bool = False


@dataclass(frozen=True)
class PersoonInvoer:
    """One person row of a melding: an existing person (``bestaande_persoon_id``, chosen from
    the earlier-involvement candidates) or a new one, with a role and an optional relation to
    another row (``relatie_met`` is that row's index)."""

    rol: str
    bestaande_persoon_id: int | None = None
    bsn: str = ""
    voornamen: str = ""
    tussenvoegsel: str = ""
    achternaam: str = ""
    geboortedatum: PartialDate | None = None
    geslacht: str = "O"
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    woonplaats: str = ""
    gemeente_code: str = ""
    relatie: RelatieKeuze | None = None
    relatie_met: int | None = None

    @property
    def heeft_adres(self) -> bool:
        return any(
            v.strip() for v in (self.straat, self.huisnummer, self.postcode, self.woonplaats)
        ) or bool(self.gemeente_code)


@dataclass(frozen=True)
class MeldingInvoer:
    formulier_token: uuid.UUID
    ontvangen_op: datetime
    kanaal: str
    melder: BronInvoer
    personen: Sequence[PersoonInvoer]
    aanleidingen: Sequence[str]
    aarden: Sequence[str]
    signalen: str
    acuut: bool = False
    #: The advies this melding comes from (omzetten, or an ambtshalve melding).
    advies_id: int | None = None
    ambtshalve: bool = False
    corv_bericht_id: int | None = None


@dataclass(frozen=True)
class AdviesInvoer:
    formulier_token: uuid.UUID
    ontvangen_op: datetime
    kanaal: str
    adviesvrager: BronInvoer
    aanleidingen: Sequence[str]
    aarden: Sequence[str]
    vraag: str
    gegeven_advies: str
    duur_minuten: int
    vervolgadvies: str = ""
    #: CBS code of the gemeente where the family lives, when known ("" = unknown).
    gemeente_code: str = ""


@dataclass(frozen=True)
class Registratie:
    """The saved melding or advies; ``nieuw`` is False when the form had been saved before."""

    object: Any
    nieuw: bool


# --- Shared checks --------------------------------------------------------------------------


def _codes(
    lijsten: Mapping[str, Sequence[str]],
    hoedanigheid: str,
) -> tuple[dict[str, list[Code]], Code | None, dict[str, list[str]]]:
    """The active Code rows for the typed codes, in one query, and errors for unknown ones."""
    gevraagd = {lijst: list(dict.fromkeys(codes)) for lijst, codes in lijsten.items()}
    rijen = list(
        Code.objects.filter(
            actief=True,
            lijst__in=[*gevraagd, *[c.value for c in HOEDANIGHEID_LIJSTEN]],
            code__in={c for codes in gevraagd.values() for c in codes} | {hoedanigheid},
        )
    )
    errors: dict[str, list[str]] = {}
    gevonden: dict[str, list[Code]] = {}
    for lijst, codes in gevraagd.items():
        per_code = {r.code: r for r in rijen if r.lijst == lijst}
        onbekend = [c for c in codes if c not in per_code]
        if onbekend:
            veld = "aanleidingen" if lijst == Codelijst.AANLEIDING else "aarden"
            errors[veld] = [f"Onbekende code(s): {', '.join(onbekend)}."]
        gevonden[lijst] = [per_code[c] for c in codes if c in per_code]
    hoedanigheid_code = next(
        (r for r in rijen if r.lijst in HOEDANIGHEID_LIJSTEN and r.code == hoedanigheid), None
    )
    if hoedanigheid and hoedanigheid_code is None:
        errors["hoedanigheid"] = ["Kies een hoedanigheid uit de lijst."]
    return gevonden, hoedanigheid_code, errors


def _merge(errors: dict[str, list[str]], meer: Mapping[str, list[str]]) -> None:
    for veld, berichten in meer.items():
        errors.setdefault(veld, []).extend(berichten)


def _melder_maken(bron: BronInvoer, hoedanigheid: Code) -> Melder:
    return Melder.objects.create(
        hoedanigheid=hoedanigheid,
        naam=bron.naam.strip(),
        organisatie=bron.organisatie.strip(),
        telefoon=bron.telefoon.strip(),
        email=bron.email.strip(),
        anoniem=bron.anoniem,
        anoniem_naar_gezin=bron.anoniem_naar_gezin,
    )


def _eenmalig(model: type[Melding] | type[Advies], token: uuid.UUID, schrijf: Any) -> Registratie:
    """Runs ``schrijf`` atomically unless the form token was used; a concurrent second submit
    hits the unique constraint, rolls back, and gets the first object."""
    bestaand = model.objects.filter(formulier_token=token).first()
    if bestaand is not None:
        return Registratie(bestaand, False)
    try:
        with audit_gebundeld():
            return Registratie(schrijf(), True)
    except (IntegrityError, ValidationError):
        # The first submit may have committed meanwhile: then this one's errors (e.g. "this
        # BSN is known") are about the first one's own rows.
        bestaand = model.objects.filter(formulier_token=token).first()
        if bestaand is None:
            raise
        return Registratie(bestaand, False)


# --- Advies ---------------------------------------------------------------------------------


def advies_register(
    *,
    actor: AbstractBaseUser,
    invoer: AdviesInvoer,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Registratie:
    """Registers an advies (no family data). Returns the earlier one for a used form token."""
    nu = _nu(nu)
    return _eenmalig(
        Advies,
        invoer.formulier_token,
        lambda: _advies_register(actor=actor, invoer=invoer, nu=nu, request=request),
    )


def _advies_register(
    *, actor: AbstractBaseUser, invoer: AdviesInvoer, nu: datetime, request: HttpRequest | None
) -> Advies:
    vrager = invoer.adviesvrager
    gevonden, hoedanigheid, errors = _codes(
        {Codelijst.AANLEIDING: invoer.aanleidingen, Codelijst.AARD: invoer.aarden},
        vrager.hoedanigheid,
    )
    if not vrager.hoedanigheid:
        errors["hoedanigheid"] = ["Kies de hoedanigheid van de adviesvrager."]
    _merge(errors, ontvangst_regels(kanaal=invoer.kanaal, ontvangen_op=invoer.ontvangen_op, nu=nu))
    _merge(
        errors,
        adviesvrager_regels(
            anoniem=vrager.anoniem,
            beroepsmatig=bool(hoedanigheid and hoedanigheid.beroepsmatig),
            naam=vrager.naam,
            organisatie=vrager.organisatie,
            telefoon=vrager.telefoon,
            email=vrager.email,
        ),
    )
    if not invoer.aanleidingen:
        errors.setdefault("aanleidingen", []).append("Kies ten minste één aanleiding.")
    if not invoer.vraag.strip():
        errors["vraag"] = ["Vul de vraag van de adviesvrager in."]
    if not invoer.gegeven_advies.strip():
        errors["gegeven_advies"] = ["Vul het gegeven advies in."]
    if not 1 <= invoer.duur_minuten <= 600:
        errors["duur_minuten"] = ["De duur ligt tussen 1 en 600 minuten."]
    gemeente = None
    if invoer.gemeente_code:
        gemeente = Gemeente.objects.filter(cbs_code=invoer.gemeente_code).first()
        if gemeente is None:
            errors["gemeente"] = ["Kies een gemeente uit de lijst."]
    if errors:
        raise ValidationError(errors)
    assert hoedanigheid is not None
    melder = _melder_maken(vrager, hoedanigheid)
    advies = Advies.objects.create(
        ontvangen_op=invoer.ontvangen_op,
        kanaal=invoer.kanaal,
        adviesvrager=melder,
        vraag=invoer.vraag.strip(),
        gegeven_advies=invoer.gegeven_advies.strip(),
        vervolgadvies=invoer.vervolgadvies.strip(),
        duur_minuten=invoer.duur_minuten,
        gemeente=gemeente,
        geregistreerd_door=actor,
        geregistreerd_op=nu,
        formulier_token=invoer.formulier_token,
    )
    advies.aanleidingen.set(gevonden[Codelijst.AANLEIDING])
    advies.aarden.set(gevonden[Codelijst.AARD])
    audit_event_record(
        event=Event.ADVIES_GEREGISTREERD,
        actor=actor,
        target=advies,
        data={
            "kanaal": invoer.kanaal,
            "hoedanigheid": hoedanigheid.code,
            "anoniem": vrager.anoniem,
            "aanleidingen": [c.code for c in gevonden[Codelijst.AANLEIDING]],
            "aarden": [c.code for c in gevonden[Codelijst.AARD]],
            "duur_minuten": invoer.duur_minuten,
            "gemeente": gemeente.pk if gemeente else None,
        },
        request=request,
    )
    return advies


# --- Melding --------------------------------------------------------------------------------


@dataclass
class _Plan:
    """What the checks found out, before anything is written."""

    gevonden: dict[str, list[Code]]
    hoedanigheid: Code
    bestaande_personen: dict[int, Persoon]
    gemeenten: dict[str, Gemeente]
    advies: Advies | None
    corv: CorvBericht | None
    open_casus: Casus | None
    eerdere_gesloten_casus: bool
    feiten: list[PersoonFeiten] = field(default_factory=list)


def melding_register(
    *,
    actor: AbstractBaseUser,
    invoer: MeldingInvoer,
    fase_bepaler: FaseBepaler = fase_standaard,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Registratie:
    """Registers a melding in one transaction: it joins the open casus of a chosen existing
    person (the most recently opened one) or opens a new casus for the receiving team; creates
    or reuses the persons, adds them as betrokkenen with their relations, classifies the
    melding for CBS, writes the journaal item and the tasks (VB besluit in 5 working days;
    inform each new adult betrokkene within 4 weeks; feedback to the melder), and marks an
    acute melding with its 24-hour moment. Returns the earlier melding for a used form token.

    ``fase_bepaler`` gives the phase of the open casus a melding joins (SEAM for assessment
    and diensten; see ``intake.domain.classificatie``).
    """
    nu = _nu(nu)
    return _eenmalig(
        Melding,
        invoer.formulier_token,
        lambda: _melding_register(
            actor=actor, invoer=invoer, fase_bepaler=fase_bepaler, nu=nu, request=request
        ),
    )


def _persoon_velden_fouten(
    index: int, persoon: PersoonInvoer, *, vandaag: date
) -> dict[str, list[str]]:
    """The single-person rules for a new person, before anything is written."""
    errors: dict[str, list[str]] = {}
    prefix = f"personen.{index}"
    if persoon.bestaande_persoon_id is not None:
        return errors
    if not persoon.achternaam.strip():
        errors[f"{prefix}.achternaam"] = ["Vul de achternaam in."]
    if persoon.bsn.strip():
        try:
            BSN.parse(persoon.bsn)
        except BsnFout as fout:
            errors[f"{prefix}.bsn"] = [fout.bericht]
    if persoon.geboortedatum is not None:
        try:
            validate_geboortedatum(persoon.geboortedatum, vandaag=vandaag)
        except DatumFout as fout:
            errors[f"{prefix}.geboortedatum"] = [fout.bericht]
    return errors


def _plan(*, invoer: MeldingInvoer, nu: datetime) -> _Plan:
    """Every check, in a fixed number of queries; raises ValidationError with all errors."""
    vandaag = timezone.localdate(nu)
    ontvangen_dag = timezone.localdate(invoer.ontvangen_op)
    gevonden, hoedanigheid, errors = _codes(
        {Codelijst.AANLEIDING: invoer.aanleidingen, Codelijst.AARD: invoer.aarden},
        invoer.melder.hoedanigheid,
    )
    _merge(errors, ontvangst_regels(kanaal=invoer.kanaal, ontvangen_op=invoer.ontvangen_op, nu=nu))
    melder = invoer.melder
    _merge(
        errors,
        melder_regels(
            hoedanigheid=melder.hoedanigheid,
            beroepsmatig=bool(hoedanigheid and hoedanigheid.beroepsmatig),
            naam=melder.naam,
            organisatie=melder.organisatie,
            telefoon=melder.telefoon,
            email=melder.email,
        ),
    )
    if invoer.ambtshalve and melder.hoedanigheid != HOEDANIGHEID_MEDEWERKER_VT:
        errors.setdefault("hoedanigheid", []).append(
            "Bij een ambtshalve melding is Veilig Thuis zelf de melder (hoedanigheid 14)."
        )
    if not invoer.signalen.strip():
        errors["signalen"] = ["Beschrijf de signalen in de woorden van de melder."]

    # Existing persons (chosen candidates), gemeenten, duplicate BSNs: one query each.
    bestaande_ids = [p.bestaande_persoon_id for p in invoer.personen if p.bestaande_persoon_id]
    bestaande = {p.pk: p for p in Persoon.objects.filter(pk__in=bestaande_ids)}
    codes = {p.gemeente_code for p in invoer.personen if p.gemeente_code}
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.filter(cbs_code__in=codes)}
    nieuwe_bsns: dict[str, int] = {}
    for index, persoon in enumerate(invoer.personen):
        _merge(errors, _persoon_velden_fouten(index, persoon, vandaag=vandaag))
        prefix = f"personen.{index}"
        if persoon.bestaande_persoon_id and persoon.bestaande_persoon_id not in bestaande:
            errors[f"{prefix}.bestaande_persoon"] = ["Deze persoon bestaat niet (meer)."]
        if persoon.gemeente_code and persoon.gemeente_code not in gemeenten:
            errors[f"{prefix}.gemeente"] = ["Kies een gemeente uit de lijst."]
        if persoon.bestaande_persoon_id is None and persoon.bsn.strip():
            try:
                waarde = BSN.parse(persoon.bsn)
            except BsnFout:
                continue
            if not waarde.is_convention:
                nieuwe_bsns.setdefault(waarde.waarde, index)
    if nieuwe_bsns:
        for bsn in Persoon.objects.filter(bsn__in=list(nieuwe_bsns)).values_list("bsn", flat=True):
            errors.setdefault(f"personen.{nieuwe_bsns[bsn]}.bsn", []).append(
                "Er is al een persoon met dit BSN bekend. Kies ‘Zoek eerdere betrokkenheid’ "
                "en selecteer die persoon."
            )
    gekozen = [p.bestaande_persoon_id for p in invoer.personen if p.bestaande_persoon_id]
    if len(gekozen) != len(set(gekozen)):
        errors.setdefault("personen", []).append("Dezelfde persoon staat er twee keer in.")

    feiten = [
        PersoonFeiten(
            rol=p.rol,
            geboortedatum=(
                bestaande[p.bestaande_persoon_id].geboortedatum
                if p.bestaande_persoon_id in bestaande
                else p.geboortedatum
            ),
            ongeboren=(
                bestaande[p.bestaande_persoon_id].ongeboren
                if p.bestaande_persoon_id in bestaande
                else False
            ),
            relatie=p.relatie,
            relatie_met=p.relatie_met,
        )
        for p in invoer.personen
    ]
    _merge(
        errors,
        melding_regels(
            aanleidingen=invoer.aanleidingen,
            aarden=invoer.aarden,
            personen=feiten,
            op=ontvangen_dag,
        ),
    )

    advies = None
    if invoer.advies_id is not None:
        advies = Advies.objects.select_for_update().filter(pk=invoer.advies_id).first()
        if advies is None:
            errors.setdefault("__all__", []).append("Het advies bestaat niet.")
        elif Melding.objects.filter(advies=advies).exists():
            errors.setdefault("__all__", []).append("Dit advies is al omgezet in een melding.")
    if invoer.ambtshalve and advies is None and invoer.advies_id is None:
        errors.setdefault("__all__", []).append("Een ambtshalve melding volgt op een advies.")
    corv = None
    if invoer.corv_bericht_id is not None:
        corv = CorvBericht.objects.select_for_update().filter(pk=invoer.corv_bericht_id).first()
        if corv is None:
            errors.setdefault("__all__", []).append("Het CORV-bericht bestaat niet.")
        elif corv.status != CorvStatus.NIEUW:
            errors.setdefault("__all__", []).append("Dit CORV-bericht is al verwerkt.")

    if errors:
        raise ValidationError(errors)
    assert hoedanigheid is not None

    # Which casus: the most recently opened open casus of a chosen person; an older closed
    # casus makes a new casus a hermelding.
    open_casus = None
    eerdere_gesloten = False
    if bestaande:
        casussen = (
            Casus.objects.filter(betrokkenen__persoon_id__in=list(bestaande))
            .distinct()
            .order_by("-geopend_op", "-id")
        )
        for casus in casussen:
            if casus.status == CasusStatus.OPEN and open_casus is None:
                open_casus = casus
            elif casus.status == CasusStatus.GESLOTEN:
                eerdere_gesloten = True
    return _Plan(
        gevonden=gevonden,
        hoedanigheid=hoedanigheid,
        bestaande_personen=bestaande,
        gemeenten=gemeenten,
        advies=advies,
        corv=corv,
        open_casus=open_casus,
        eerdere_gesloten_casus=eerdere_gesloten,
        feiten=feiten,
    )


def _casus_gemeente(invoer: MeldingInvoer, gemeenten: Mapping[str, Gemeente]) -> Gemeente | None:
    """The gemeente of the household: of a (possible) victim or child first."""
    rijen = sorted(
        (p for p in invoer.personen if p.gemeente_code in gemeenten),
        key=lambda p: 0 if p.rol in BETROKKENE_VOLGORDE else 1,
    )
    return gemeenten[rijen[0].gemeente_code] if rijen else None


def _herkey(index: int, fout: ValidationError, *, adres: bool = False) -> dict[str, list[str]]:
    prefix = f"personen.{index}"
    if not hasattr(fout, "error_dict"):
        return {f"{prefix}.achternaam": list(fout.messages)}
    uit: dict[str, list[str]] = {}
    for veld, berichten in fout.message_dict.items():
        if veld == "__all__":
            veld = "straat" if adres else "achternaam"
        uit.setdefault(f"{prefix}.{veld}", []).extend(berichten)
    return uit


_RELATIES: dict[RelatieKeuze, tuple[str, bool]] = {
    # keuze → (soort, this row is persoon_a)
    RelatieKeuze.KIND_VAN: (RelatieSoort.OUDER_KIND, False),
    RelatieKeuze.OUDER_VAN: (RelatieSoort.OUDER_KIND, True),
    RelatieKeuze.PARTNER_VAN: (RelatieSoort.PARTNER, True),
    RelatieKeuze.EX_PARTNER_VAN: (RelatieSoort.EX_PARTNER, True),
    RelatieKeuze.BROER_ZUS_VAN: (RelatieSoort.BROER_ZUS, True),
}


def _journaal_tekst(melding: Melding, plan: _Plan, invoer: MeldingInvoer) -> str:
    """The timeline entry: what came in and what it is about — never who reported it."""
    kanaal = KANAAL_LABELS[Kanaal(invoer.kanaal)]
    regels = [
        f"Melding {melding.nummer} ontvangen via {kanaal} ({melding.soort_cbs_label}).",
    ]
    if melding.acuut and melding.acuut_uiterlijk is not None:
        uiterlijk = timezone.localtime(melding.acuut_uiterlijk)
        regels.append(f"ACUUT: in actie uiterlijk {uiterlijk:%d-%m-%Y %H:%M}.")
    regels.append(
        "Aanleiding: "
        + "; ".join(c.omschrijving for c in plan.gevonden[Codelijst.AANLEIDING])
        + "."
    )
    regels.append("Aard: " + "; ".join(c.omschrijving for c in plan.gevonden[Codelijst.AARD]) + ".")
    regels.append("")
    regels.append("Signalen:")
    regels.append(invoer.signalen.strip())
    regels.append("")
    regels.append("(De melder staat bij de melding; bronbescherming: niet in dit journaal.)")
    return "\n".join(regels)


def _adres_sleutel(persoon_id: int, postcode: str, huisnummer: str) -> tuple[int, str, str]:
    return persoon_id, "".join(postcode.split()).upper(), huisnummer.strip().upper()


def _bekende_adressen(personen: Sequence[PersoonInvoer]) -> set[tuple[int, str, str]]:
    """The current addresses of the chosen known persons (one query)."""
    ids = [p.bestaande_persoon_id for p in personen if p.bestaande_persoon_id and p.heeft_adres]
    if not ids:
        return set()
    return {
        _adres_sleutel(persoon_id, postcode, huisnummer)
        for persoon_id, postcode, huisnummer in Adres.objects.filter(
            persoon_id__in=ids, geldig_tot__isnull=True
        ).values_list("persoon_id", "postcode", "huisnummer")
    }


def _adres_toevoegen(
    actor: AbstractBaseUser,
    persoon: Persoon,
    rij: PersoonInvoer,
    plan: _Plan,
    geldig_van: date,
    index: int,
    errors: dict[str, list[str]],
    request: HttpRequest | None,
) -> None:
    try:
        adres_add(
            actor=actor,
            persoon=persoon,
            geldig_van=geldig_van,
            straat=rij.straat,
            huisnummer=rij.huisnummer,
            postcode=rij.postcode,
            woonplaats=rij.woonplaats,
            gemeente=plan.gemeenten.get(rij.gemeente_code),
            request=request,
        )
    except ValidationError as fout:
        _merge(errors, _herkey(index, fout, adres=True))


def _codes_koppelen(melding: Melding, gevonden: Mapping[str, Sequence[Code]]) -> None:
    """The aanleidingen and aarden of a new melding (no earlier links to compare with)."""
    for veld, lijst in (("aanleidingen", Codelijst.AANLEIDING), ("aarden", Codelijst.AARD)):
        koppeling = getattr(Melding, veld).through
        koppeling.objects.bulk_create(
            [koppeling(melding=melding, code=code) for code in gevonden[lijst]]
        )


def _relaties_vastleggen(
    actor: AbstractBaseUser,
    invoer: MeldingInvoer,
    personen: list[Persoon],
    request: HttpRequest | None,
) -> None:
    """The relations typed on the page, at once; one that is already recorded is skipped.
    An error is shown at the person whose ``relatie_met`` named the other."""
    paren: list[tuple[Persoon, Persoon, str]] = []
    indexen: list[int] = []
    for index, rij in enumerate(invoer.personen):
        if rij.relatie is None or rij.relatie_met is None:
            continue
        soort_relatie, deze_is_a = _RELATIES[rij.relatie]
        deze, ander = personen[index], personen[rij.relatie_met]
        a, b = (deze, ander) if deze_is_a else (ander, deze)
        paren.append((a, b, soort_relatie))
        indexen.append(index)
    if not paren:
        return
    try:
        relaties_add(actor=actor, paren=paren, bestaande_overslaan=True, request=request)
    except ValidationError as fout:
        errors: dict[str, list[str]] = {}
        for positie, berichten in fout.message_dict.items():
            errors.setdefault(f"personen.{indexen[int(positie)]}.relatie_met", []).extend(berichten)
        raise ValidationError(errors) from None


def _melding_register(
    *,
    actor: AbstractBaseUser,
    invoer: MeldingInvoer,
    fase_bepaler: FaseBepaler,
    nu: datetime,
    request: HttpRequest | None,
) -> Melding:
    plan = _plan(invoer=invoer, nu=nu)
    vandaag = timezone.localdate(nu)
    ontvangen_dag = timezone.localdate(invoer.ontvangen_op)
    kalender = calendar_current()

    # Persons and their relations first: they need no casus, and the casus number (whose
    # counter row stays locked until the commit) is taken as late as possible.
    errors: dict[str, list[str]] = {}
    personen: list[Persoon | None] = []
    bekende_adressen = _bekende_adressen(invoer.personen)
    for index, rij in enumerate(invoer.personen):
        if rij.bestaande_persoon_id is not None:
            persoon = plan.bestaande_personen[rij.bestaande_persoon_id]
            # A known person: an address typed in this melding is added when it is new.
            if rij.heeft_adres and _adres_sleutel(persoon.pk, rij.postcode, rij.huisnummer) not in (
                bekende_adressen
            ):
                _adres_toevoegen(actor, persoon, rij, plan, ontvangen_dag, index, errors, request)
            personen.append(persoon)
            continue
        try:
            persoon = persoon_create(
                actor=actor,
                achternaam=rij.achternaam,
                voornamen=rij.voornamen,
                tussenvoegsel=rij.tussenvoegsel,
                bsn=rij.bsn,
                geboortedatum=rij.geboortedatum,
                geslacht=rij.geslacht,
                gemeente=plan.gemeenten.get(rij.gemeente_code),
                vandaag=vandaag,
                request=request,
            )
        except ValidationError as fout:
            _merge(errors, _herkey(index, fout))
            personen.append(None)
            continue
        if rij.heeft_adres:
            _adres_toevoegen(actor, persoon, rij, plan, ontvangen_dag, index, errors, request)
        personen.append(persoon)
    if errors:
        raise ValidationError(errors)
    vastgelegd = [persoon for persoon in personen if persoon is not None]
    _relaties_vastleggen(actor, invoer, vastgelegd, request)

    # The casus: join the open one (locked), or open a new one for the receiving team.
    if plan.open_casus is not None:
        casus = Casus.objects.select_for_update().get(pk=plan.open_casus.pk)
        if casus.status != CasusStatus.OPEN:
            raise ValidationError({"__all__": ["De casus is intussen gesloten; sla opnieuw op."]})
        soort = classificeer(
            eerdere_gesloten_casus=plan.eerdere_gesloten_casus,
            open_casus_aangevuld=True,
            fase=fase_bepaler(casus.pk),
        )
        nieuwe_casus = False
    else:
        team = ontvangend_team()
        if team is None:
            raise ValidationError(
                {
                    "__all__": [
                        "Er is geen ontvangend team ingesteld voor nieuwe casussen. "
                        "Vraag de functioneel beheerder dit in te stellen."
                    ]
                }
            )
        casus = casus_open(
            actor=actor,
            team=team,
            gemeente=_casus_gemeente(invoer, plan.gemeenten),
            geopend_op=invoer.ontvangen_op,
            request=request,
        )
        soort = classificeer(
            eerdere_gesloten_casus=plan.eerdere_gesloten_casus, open_casus_aangevuld=False
        )
        nieuwe_casus = True

    acuut_uiterlijk = None
    if invoer.acuut:
        stand = deadline(invoer.ontvangen_op, termijn_get("acuut", op=ontvangen_dag), kalender)
        assert isinstance(stand.einddatum, datetime)
        acuut_uiterlijk = stand.einddatum

    melder = _melder_maken(invoer.melder, plan.hoedanigheid)
    melding = Melding.objects.create(
        casus=casus,
        ontvangen_op=invoer.ontvangen_op,
        kanaal=invoer.kanaal,
        melder=melder,
        signalen=invoer.signalen.strip(),
        acuut=invoer.acuut,
        acuut_uiterlijk=acuut_uiterlijk,
        soort_cbs=soort,
        nieuwe_casus=nieuwe_casus,
        advies=plan.advies,
        ambtshalve=invoer.ambtshalve,
        corv_bericht=plan.corv,
        geregistreerd_door=actor,
        geregistreerd_op=nu,
        formulier_token=invoer.formulier_token,
    )
    _codes_koppelen(melding, plan.gevonden)

    # Betrokkenen: the casus's own (when it was open already), the new ones added at once.
    al_betrokken: dict[tuple[int, str], Betrokkene] = {}
    al_in_casus: set[int] = set()
    if not nieuwe_casus:
        for b in Betrokkene.objects.filter(casus=casus):
            al_betrokken[(b.persoon_id, b.rol)] = b
            al_in_casus.add(b.persoon_id)
    nieuwe_rollen: dict[tuple[int, str], tuple[Persoon, str]] = {}
    for rij, lid in zip(invoer.personen, vastgelegd, strict=True):
        if (lid.pk, rij.rol) not in al_betrokken:
            nieuwe_rollen.setdefault((lid.pk, rij.rol), (lid, rij.rol))
    for betrokkene in betrokkenen_add(
        actor=actor, casus=casus, rollen=list(nieuwe_rollen.values()), request=request
    ):
        al_betrokken[(betrokkene.persoon_id, betrokkene.rol)] = betrokkene
    koppelingen: list[MeldingBetrokkene] = []
    te_informeren: list[Persoon] = []
    for index, (rij, lid) in enumerate(zip(invoer.personen, vastgelegd, strict=True)):
        nieuw_in_casus = lid.pk not in al_in_casus
        if nieuw_in_casus and is_volwassen(plan.feiten[index], op=ontvangen_dag):
            te_informeren.append(lid)
        al_in_casus.add(lid.pk)
        koppelingen.append(
            MeldingBetrokkene(
                melding=melding,
                betrokkene=al_betrokken[(lid.pk, rij.rol)],
                nieuw_in_casus=nieuw_in_casus,
                persoon_aangemaakt=rij.bestaande_persoon_id is None,
            )
        )
    MeldingBetrokkene.objects.bulk_create(koppelingen)

    # The timeline and the clocks.
    journaal_add(
        actor=actor,
        casus=casus,
        soort=JournaalSoort.MELDING,
        tekst=_journaal_tekst(melding, plan, invoer),
        moment=invoer.ontvangen_op,
        nu=nu,
        request=request,
    )
    vb_taak = taak_create(
        actor=actor,
        casus=casus,
        omschrijving=f"Besluit veiligheidsbeoordeling ({melding.nummer})",
        termijn_code="vb_besluit",
        start=ontvangen_dag,
        kalender=kalender,
        request=request,
    )
    melding.vb_taak = vb_taak
    melding.save(update_fields=["vb_taak"])
    taken = [
        NieuweTaak(
            omschrijving=f"Betrokkene informeren over de vastgelegde gegevens: "
            f"{lid.volledige_naam} ({melding.nummer})",
            termijn_code="informeren_betrokkenen",
            start=vandaag,
        )
        for lid in te_informeren
    ]
    if not invoer.ambtshalve:
        # No statutory term yet: due with the VB besluit, after which VT tells the melder which
        # steps it takes; later steps (assessment) move or complete it.
        taken.append(
            NieuweTaak(
                omschrijving=f"Terugkoppeling aan de melder na het besluit ({melding.nummer})",
                deadline_datum=vb_taak.deadline,
                start=ontvangen_dag,
            )
        )
    taken_create(actor=actor, casus=casus, taken=taken, kalender=kalender, request=request)

    audit_event_record(
        event=Event.MELDING_GEREGISTREERD,
        actor=actor,
        target=melding,
        data={
            "casus": casus.pk,
            "nieuwe_casus": nieuwe_casus,
            "soort_cbs": soort.value,
            "kanaal": invoer.kanaal,
            "acuut": invoer.acuut,
            "hoedanigheid": plan.hoedanigheid.code,
            "anoniem_naar_gezin": invoer.melder.anoniem_naar_gezin,
            "aanleidingen": [c.code for c in plan.gevonden[Codelijst.AANLEIDING]],
            "aarden": [c.code for c in plan.gevonden[Codelijst.AARD]],
            "personen": len(personen),
            "bestaande_personen": len(plan.bestaande_personen),
            "vb_taak": vb_taak.pk,
        },
        request=request,
    )
    if plan.advies is not None:
        audit_event_record(
            event=Event.AMBTSHALVE_MELDING if invoer.ambtshalve else Event.ADVIES_OMGEZET,
            actor=actor,
            target=plan.advies,
            data={"melding": melding.pk, "casus": casus.pk},
            request=request,
        )
    if plan.corv is not None:
        plan.corv.status = CorvStatus.OMGEZET
        plan.corv.afgehandeld_door = actor  # type: ignore[assignment]
        plan.corv.afgehandeld_op = nu
        plan.corv.save(update_fields=["status", "afgehandeld_door", "afgehandeld_op"])
        audit_event_record(
            event=Event.CORV_OMGEZET,
            actor=actor,
            target=plan.corv,
            data={"melding": melding.pk, "casus": casus.pk},
            request=request,
        )
    return melding


# --- Informant ------------------------------------------------------------------------------


@transaction.atomic
def informant_vastleggen(
    *,
    actor: AbstractBaseUser,
    melding: Melding,
    bron: BronInvoer,
    onderwerp: str,
    geraadpleegd_op: datetime,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Informant:
    """Records an informant consulted about the melding's casus: protected like the melder.
    The consultation appears on the casus timeline without the informant's identity."""
    nu = _nu(nu)
    _, hoedanigheid, errors = _codes({}, bron.hoedanigheid)
    if not bron.hoedanigheid:
        errors["hoedanigheid"] = ["Kies de hoedanigheid van de informant."]
    if not bron.naam.strip():
        errors["naam"] = ["Vul de naam van de informant in."]
    if hoedanigheid is not None and hoedanigheid.beroepsmatig and not bron.organisatie.strip():
        errors["organisatie"] = ["Vul de organisatie van de informant in."]
    if not onderwerp.strip():
        errors["onderwerp"] = ["Vul in wat de informant vertelde."]
    if geraadpleegd_op > nu + timedelta(minutes=5):
        errors["geraadpleegd_op"] = ["Het moment ligt in de toekomst."]
    if not melding.casus.is_open:
        errors.setdefault("__all__", []).append("De casus is gesloten.")
    if errors:
        raise ValidationError(errors)
    assert hoedanigheid is not None
    informant = Informant.objects.create(
        casus=melding.casus,
        melding=melding,
        hoedanigheid=hoedanigheid,
        naam=bron.naam.strip(),
        organisatie=bron.organisatie.strip(),
        telefoon=bron.telefoon.strip(),
        email=bron.email.strip(),
        geraadpleegd_op=geraadpleegd_op,
        onderwerp=onderwerp.strip(),
        vastgelegd_door=actor,
        vastgelegd_op=nu,
    )
    journaal_add(
        actor=actor,
        casus=melding.casus,
        soort=JournaalSoort.INFORMANT,
        tekst=(
            f"Informant geraadpleegd over melding {melding.nummer}.\n\n{onderwerp.strip()}\n\n"
            "(De informant staat bij de melding; bronbescherming: niet in dit journaal.)"
        ),
        moment=geraadpleegd_op,
        nu=nu,
        request=request,
    )
    audit_event_record(
        event=Event.INFORMANT_VASTGELEGD,
        actor=actor,
        target=informant,
        data={"melding": melding.pk, "casus": melding.casus_id, "hoedanigheid": hoedanigheid.code},
        request=request,
    )
    return informant


# --- CORV inbox -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CorvOntvangst:
    bericht: CorvBericht
    nieuw: bool
    zorgmelding: Zorgmelding


def corv_bericht_ontvangen(
    *,
    inhoud: Mapping[str, object],
    ontvangen_op: datetime | None = None,
    actor: AbstractBaseUser | None = None,
    request: HttpRequest | None = None,
) -> CorvOntvangst:
    """Stores a police care report in the inbox. The same ``bericht_id`` twice stores it once
    (``nieuw=False``). Raises ValidationError (``{"inhoud": [...]}``) for a report that does
    not follow ``intake/CORV_FORMAT.md``; nothing is stored then."""
    try:
        zorgmelding = lees_zorgmelding(inhoud)
    except ZorgmeldingFout as fout:
        raise ValidationError({"inhoud": fout.fouten}) from None
    bestaand = CorvBericht.objects.filter(bericht_id=zorgmelding.bericht_id).first()
    if bestaand is not None:
        return CorvOntvangst(bestaand, False, zorgmelding)
    try:
        with transaction.atomic():
            bericht = CorvBericht.objects.create(
                bericht_id=zorgmelding.bericht_id,
                ontvangen_op=_nu(ontvangen_op),
                verzonden_op=zorgmelding.verzonden_op,
                politie_eenheid=zorgmelding.politie_eenheid[:200],
                acuut=zorgmelding.acuut,
                hg_km_indicatie=zorgmelding.hg_km_indicatie,
                inhoud=dict(inhoud),
            )
            audit_event_record(
                event=Event.CORV_ONTVANGEN,
                actor=actor,
                target=bericht,
                data={
                    "acuut": zorgmelding.acuut,
                    "hg_km_indicatie": zorgmelding.hg_km_indicatie,
                    "personen": len(zorgmelding.personen),
                },
                request=request,
            )
    except IntegrityError:
        bestaand = CorvBericht.objects.filter(bericht_id=zorgmelding.bericht_id).first()
        if bestaand is None:
            raise
        return CorvOntvangst(bestaand, False, zorgmelding)
    return CorvOntvangst(bericht, True, zorgmelding)


@transaction.atomic
def corv_niet_hgkm(
    *,
    actor: AbstractBaseUser,
    bericht: CorvBericht,
    doorgestuurd_naar: str,
    toelichting: str = "",
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> CorvBericht:
    """Marks a report as not about HG/KM, with where it was forwarded: it is not counted as a
    melding."""
    locked = CorvBericht.objects.select_for_update().get(pk=bericht.pk)
    errors: dict[str, list[str]] = {}
    if locked.status != CorvStatus.NIEUW:
        errors["__all__"] = ["Dit bericht is al verwerkt."]
    if not doorgestuurd_naar.strip():
        errors["doorgestuurd_naar"] = ["Vul in naar wie het bericht is doorgestuurd."]
    if len(toelichting) > 500:
        errors["toelichting"] = ["De toelichting is maximaal 500 tekens."]
    if errors:
        raise ValidationError(errors)
    locked.status = CorvStatus.NIET_HGKM
    locked.doorgestuurd_naar = doorgestuurd_naar.strip()[:200]
    locked.toelichting = toelichting.strip()
    locked.afgehandeld_door = actor  # type: ignore[assignment]
    locked.afgehandeld_op = _nu(nu)
    locked.save(
        update_fields=[
            "status",
            "doorgestuurd_naar",
            "toelichting",
            "afgehandeld_door",
            "afgehandeld_op",
        ]
    )
    audit_event_record(event=Event.CORV_NIET_HGKM, actor=actor, target=locked, request=request)
    return locked


# --- Drafts ---------------------------------------------------------------------------------


def concept_opslaan(
    *,
    actor: AbstractBaseUser,
    soort: ConceptSoort,
    token: uuid.UUID,
    data: Mapping[str, list[str]],
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Concept:
    """Saves (creates or replaces) the user's draft of the form with ``token``. Audited once,
    when the draft is created (the autosave runs every few seconds)."""
    import json

    nu = _nu(nu)
    schoon = {
        k: [str(v) for v in waarden]
        for k, waarden in data.items()
        if k not in {"csrfmiddlewaretoken", "actie"}
    }
    if len(json.dumps(schoon)) > CONCEPT_MAX_BYTES:
        raise ValidationError({"__all__": ["Het concept is te groot om te bewaren."]})
    with transaction.atomic():
        concept, aangemaakt = Concept.objects.update_or_create(
            user_id=actor.pk,
            token=token,
            defaults={"soort": soort, "data": schoon, "bijgewerkt_op": nu},
            create_defaults={
                "soort": soort,
                "data": schoon,
                "bijgewerkt_op": nu,
                "aangemaakt_op": nu,
            },
        )
        if aangemaakt:
            audit_event_record(
                event=Event.CONCEPT_OPGESLAGEN,
                actor=actor,
                target=concept,
                data={"soort": soort.value},
                request=request,
            )
    return concept


def concept_verwijderen(
    *,
    actor: AbstractBaseUser,
    token: uuid.UUID,
    audit: bool = True,
    request: HttpRequest | None = None,
) -> None:
    """Removes the user's draft with ``token`` (after a save, or on request)."""
    with transaction.atomic():
        concept = Concept.objects.filter(user_id=actor.pk, token=token).first()
        if concept is None:
            return
        if audit:
            audit_event_record(
                event=Event.CONCEPT_VERWIJDERD,
                actor=actor,
                target=concept,
                data={"soort": concept.soort},
                request=request,
            )
        concept.delete()


def concepten_opruimen(
    *, nu: datetime | None = None, bewaartermijn: timedelta = CONCEPT_BEWAARTERMIJN
) -> int:
    """Removes drafts untouched for longer than ``bewaartermijn`` (they hold personal data that
    was never registered); returns how many. Meant for a daily background job."""
    grens = _nu(nu) - bewaartermijn
    with transaction.atomic():
        aantal, _ = Concept.objects.filter(bijgewerkt_op__lt=grens).delete()
        if aantal:
            audit_event_record(
                event=Event.CONCEPT_VERWIJDERD,
                actor=None,
                data={"aantal": aantal, "reden": "bewaartermijn"},
            )
    return aantal


def organisatie_naam() -> str:
    """The name of the own organisation (melder of an ambtshalve melding)."""
    return str(getattr(settings, "ZICHT_ORGANISATIE", "Veilig Thuis"))
