"""What a confirmed besluit sets in motion (DESIGN: the higher app owns the step).

:func:`besluit_bevestigen` — the four-eyes confirmation of a Veiligheidsbeoordeling besluit —
is atomic and audited: the assessment records the confirmation (locks, version, workflow,
four eyes, late reason), then this module completes the VB task, closes the casus or creates
the dienst with its clock, records the legal notifications, and creates the feedback to the
melder. :func:`terugkoppeling_brief` makes the feedback letter (PDF);
:func:`terugkoppeling_versturen` sends the feedback by letter and/or e-mail;
:func:`gezinsbrief` makes the letter to an adult betrokkene about the melding — never with
anything that identifies a source (``intake.models.BRONBESCHERMD``) or a secret address.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from zicht.assessment.domain.besluit import BesluitSoort
from zicht.assessment.models import Besluit, BesluitStatus
from zicht.assessment.selectors import brief_ontvangers
from zicht.assessment.services import besluit_bevestiging_vastleggen
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record
from zicht.casework.models import Casus, CasusStatus, JournaalSoort, Taak
from zicht.casework.services import casus_sluiten, journaal_add, taak_afronden, taak_create
from zicht.diensten.models import (
    Dienst,
    DienstSoort,
    DienstStatus,
    Ontvanger,
    Terugkoppeling,
    TerugkoppelingSoort,
    TerugkoppelingStatus,
    Veiligheidsvoorwaarde,
    WettelijkeMelding,
)
from zicht.intake.domain.codelijsten import Codelijst
from zicht.intake.models import Melding, MeldingBetrokkene, MeldingStatus
from zicht.intake.services import organisatie_naam
from zicht.people.models import Adres

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.http import HttpRequest

__all__ = [
    "BESLUIT_DIENST",
    "KANALEN",
    "Bevestigd",
    "Verstuurd",
    "besluit_bevestigen",
    "gezinsbrief",
    "gezinsbrief_html",
    "melder_is_beroepsmatig",
    "terugkoppeling_brief",
    "terugkoppeling_brief_html",
    "terugkoppeling_versturen",
    "terugkoppeling_voorwaarden",
    "wettelijke_meldingen_vastleggen",
]

#: The first fase of each kind's process (``diensten.domain``).
BEGIN_FASE: dict[str, str] = {
    DienstSoort.OVERDRACHT_NA_VB: "voorbereiding",
    DienstSoort.OVERDRACHT_NA_BEMOEIENIS: "voorbereiding",
    DienstSoort.VOORWAARDEN_EN_VERVOLG: "lopend",
    DienstSoort.ONDERZOEK: "niet_gestart",
    DienstSoort.MONITOREN: "lopend",
}

#: Which dienst a besluit starts, and the term code of its deadline (if any).
BESLUIT_DIENST: dict[BesluitSoort, tuple[DienstSoort, str]] = {
    BesluitSoort.OVERDRACHT_NA_VB: (DienstSoort.OVERDRACHT_NA_VB, ""),
    BesluitSoort.VOORWAARDEN_EN_VERVOLG: (DienstSoort.VOORWAARDEN_EN_VERVOLG, "vv_afronding"),
    BesluitSoort.ONDERZOEK: (DienstSoort.ONDERZOEK, "onderzoek_afronding"),
    BesluitSoort.RVDK_VERZOEK: (DienstSoort.RVDK_VERZOEK, ""),
}


@dataclass
class Bevestigd:
    """What confirming set in motion."""

    besluit: Besluit
    melding: Melding
    te_laat: bool
    casus_gesloten: bool = False
    dienst: Dienst | None = None
    wettelijke_meldingen: list[WettelijkeMelding] = field(default_factory=list)
    terugkoppeling: Terugkoppeling | None = None


def _nu(nu: datetime | None) -> datetime:
    return nu if nu is not None else timezone.now()


@transaction.atomic
def besluit_bevestigen(
    *,
    actor: AbstractBaseUser,
    besluit: Besluit,
    expected_version: int,
    reden_te_laat: str = "",
    politie_inhoud: str = "",
    request: HttpRequest | None = None,
    nu: datetime | None = None,
) -> Bevestigd:
    """Confirms a proposed besluit as the second person (four eyes).

    ``expected_version`` is the version of the Veiligheidsbeoordeling the confirmer saw: of two
    people confirming at once only one wins; the other gets a :class:`BesluitAlBehandeld`
    saying who did what. A decision after the VB deadline needs ``reden_te_laat``.
    ``politie_inhoud``: when the seriousness requires informing the police, what was passed on
    (recorded as a legal notification). Everything happens in one transaction or not at all."""
    nu = _nu(nu)
    bevestiging = besluit_bevestiging_vastleggen(
        actor=actor,
        besluit=besluit,
        expected_version=expected_version,
        reden_te_laat=reden_te_laat,
        nu=nu,
        request=request,
    )
    melding, besluit = bevestiging.melding, bevestiging.besluit
    soort = BesluitSoort(besluit.soort)
    casus = melding.casus
    vandaag = timezone.localdate(nu)
    uitkomst = Bevestigd(besluit=besluit, melding=melding, te_laat=bevestiging.te_laat)

    if melding.vb_taak_id is not None:
        vb_taak = Taak.objects.get(pk=melding.vb_taak_id)
        if vb_taak.is_open:
            taak_afronden(actor=actor, taak=vb_taak, op=nu, request=request)

    journaal_add(
        actor=actor,
        casus=casus,
        soort=JournaalSoort.NOTITIE,
        tekst=f"Besluit veiligheidsbeoordeling ({melding.nummer}) bevestigd: {soort.label}.",
        moment=nu,
        nu=nu,
        request=request,
    )

    if soort in BESLUIT_DIENST:
        uitkomst.dienst = _dienst_starten(
            actor=actor, besluit=besluit, melding=melding, vandaag=vandaag, nu=nu, request=request
        )
    elif (
        casus.status == CasusStatus.OPEN
        and not casus.meldingen.filter(status=MeldingStatus.NIEUW).exists()
        and not casus.diensten.filter(status=DienstStatus.GESTART).exists()
    ):
        casus_sluiten(
            actor=actor,
            casus=casus,
            expected_version=casus.version,
            gesloten_op=nu,
            request=request,
        )
        uitkomst.casus_gesloten = True

    uitkomst.wettelijke_meldingen = wettelijke_meldingen_vastleggen(
        actor=actor,
        casus=casus,
        besluit=besluit,
        rvdk=soort is BesluitSoort.RVDK_VERZOEK,
        aanleiding=f"de veiligheidsbeoordeling van {melding.nummer}",
        politie_inhoud=politie_inhoud,
        nu=nu,
        request=request,
    )
    if not melding.ambtshalve:
        uitkomst.terugkoppeling = _terugkoppeling_maken(
            actor=actor, besluit=besluit, melding=melding, soort=soort, nu=nu, request=request
        )
    return uitkomst


def _dienst_starten(
    *,
    actor: AbstractBaseUser,
    besluit: Besluit,
    melding: Melding,
    vandaag: object,
    nu: datetime,
    request: HttpRequest | None,
) -> Dienst:
    dienst_soort, termijn_code = BESLUIT_DIENST[BesluitSoort(besluit.soort)]
    taak = None
    start_taak = None
    if dienst_soort is DienstSoort.ONDERZOEK:
        # DOMAIN §4: the Onderzoek starts within 5 days of *receipt of the melding* (Atw art. 1:
        # an end on a weekend or holiday moves to the next working day). Created when the
        # besluit is confirmed, so a start that is already late shows as overdue at once.
        # (Completing it when the Onderzoek really starts is the next issue's.)
        start_taak = taak_create(
            actor=actor,
            casus=melding.casus,
            omschrijving=f"Onderzoek gestart ({melding.nummer})",
            termijn_code="onderzoek_start",
            start=timezone.localdate(melding.ontvangen_op),
            request=request,
        )
    if termijn_code:
        # 10 weeks after the VB decision, on the Atw calendar (art. 1: a weekend or holiday
        # end moves to the next working day).
        taak = taak_create(
            actor=actor,
            casus=melding.casus,
            omschrijving=f"{dienst_soort.label} afgerond ({melding.nummer})",
            termijn_code=termijn_code,
            start=timezone.localdate(nu),
            request=request,
        )
    # An RvdK request is done when it is made (its legal notifications are recorded with it).
    klaar = dienst_soort is DienstSoort.RVDK_VERZOEK
    dienst = Dienst.objects.create(
        casus=melding.casus,
        besluit=besluit,
        soort=dienst_soort.value,
        fase=BEGIN_FASE.get(dienst_soort, ""),
        status=DienstStatus.AFGEROND if klaar else DienstStatus.GESTART,
        einde=timezone.localdate(nu) if klaar else None,
        start=timezone.localdate(nu),
        deadline=taak.deadline if taak else None,
        taak=taak,
        start_taak=start_taak,
        ketenpartner_id=besluit.ketenpartner_id,
        ontvangende_partij=besluit.partij,
        aangemaakt_door=actor,
        aangemaakt_op=nu,
    )
    audit_event_record(
        event=Event.DIENST_AANGEMAAKT,
        actor=actor,
        target=dienst,
        data={
            "casus": melding.casus_id,
            "besluit": besluit.pk,
            "soort": dienst.soort,
            "deadline": dienst.deadline,
            "taak": taak.pk if taak else None,
            "start_taak": start_taak.pk if start_taak else None,
        },
        request=request,
    )
    return dienst


def wettelijke_meldingen_vastleggen(
    *,
    actor: AbstractBaseUser,
    casus: Casus,
    besluit: Besluit | None,
    rvdk: bool,
    aanleiding: str,
    politie_inhoud: str = "",
    nu: datetime,
    request: HttpRequest | None,
) -> list[WettelijkeMelding]:
    """Records the legal notifications (DOMAIN §6): the police when ``politie_inhoud`` says
    what was passed on; for a request to the RvdK (``rvdk``) the request itself and the
    notification of the municipal college. ``aanleiding`` names what led to it (the VB of a
    melding, an Onderzoek, an escalation during monitoring) — without personal data."""
    te_maken: list[tuple[str, str, str]] = []
    if politie_inhoud.strip():
        te_maken.append((Ontvanger.POLITIE, "", politie_inhoud.strip()))
    if rvdk:
        te_maken.append(
            (
                Ontvanger.RVDK,
                "",
                f"Verzoek tot onderzoek na {aanleiding} (casus {casus.nummer}).",
            )
        )
        gemeente = casus.gemeente
        te_maken.append(
            (
                Ontvanger.COLLEGE,
                gemeente.naam if gemeente else "",
                f"Veilig Thuis heeft de Raad voor de Kinderbescherming verzocht een onderzoek "
                f"in te stellen (casus {casus.nummer}).",
            )
        )
    rijen = []
    for ontvanger, gemeente_naam, inhoud in te_maken:
        rij = WettelijkeMelding.objects.create(
            casus=casus,
            besluit=besluit,
            ontvanger=ontvanger,
            gemeente=gemeente_naam,
            datum=timezone.localdate(nu),
            inhoud=inhoud,
            vastgelegd_door=actor,
            vastgelegd_op=nu,
        )
        audit_event_record(
            event=Event.WETTELIJKE_MELDING_VASTGELEGD,
            actor=actor,
            target=casus,
            data={
                "wettelijke_melding": rij.pk,
                "ontvanger": ontvanger,
                "besluit": besluit.pk if besluit else None,
            },
            request=request,
        )
        rijen.append(rij)
    return rijen


def _overgenomen_door(soort: BesluitSoort, besluit: Besluit) -> str:
    if soort is BesluitSoort.OVERDRACHT_NA_VB:
        return besluit.partij
    if soort is BesluitSoort.RVDK_VERZOEK:
        return "Raad voor de Kinderbescherming"
    if soort in (BesluitSoort.VOORWAARDEN_EN_VERVOLG, BesluitSoort.ONDERZOEK):
        return organisatie_naam()
    return ""


def _terugkoppeling_maken(
    *,
    actor: AbstractBaseUser,
    besluit: Besluit,
    melding: Melding,
    soort: BesluitSoort,
    nu: datetime,
    request: HttpRequest | None,
) -> Terugkoppeling:
    # Intake created the feedback task at registration (due with the VB besluit); link it.
    taak = (
        Taak.objects.filter(
            casus=melding.casus,
            afgerond_op__isnull=True,
            omschrijving__startswith="Terugkoppeling aan de melder",
            omschrijving__endswith=f"({melding.nummer})",
        )
        .order_by("pk")
        .first()
    )
    terugkoppeling = Terugkoppeling.objects.create(
        melding=melding,
        besluit=besluit,
        vervolg_gestart=not soort.sluit_casus,
        overgenomen_door=_overgenomen_door(soort, besluit),
        taak=taak,
        aangemaakt_op=nu,
    )
    audit_event_record(
        event=Event.TERUGKOPPELING_AANGEMAAKT,
        actor=actor,
        target=melding,
        data={"terugkoppeling": terugkoppeling.pk, "vervolg_gestart": not soort.sluit_casus},
        request=request,
    )
    return terugkoppeling


# --- Feedback letter ---------------------------------------------------------------------------


def melder_is_beroepsmatig(melding: Melding) -> bool:
    """A melder in a professional role (code list 'hoedanigheid_beroepsmatig'), who may hear
    the safety conditions (DOMAIN §6); never a private melder."""
    return bool(melding.melder.hoedanigheid.lijst == Codelijst.HOEDANIGHEID_BEROEPSMATIG)


def terugkoppeling_voorwaarden(terugkoppeling: Terugkoppeling) -> list[str]:
    """The safety conditions the feedback may state: only for a melder in a professional
    role, only the conditions' text (never who must meet them — that names family members),
    of the dienst the feedback is about or, after the VB, of the V&V/Onderzoek the besluit
    started, once set."""
    melding = terugkoppeling.melding
    if melding.ambtshalve or not melder_is_beroepsmatig(melding):
        return []
    dienst_id = terugkoppeling.dienst_id
    if dienst_id is None and terugkoppeling.besluit_id is not None:
        dienst_id = (
            Dienst.objects.filter(
                besluit_id=terugkoppeling.besluit_id,
                soort__in=[DienstSoort.VOORWAARDEN_EN_VERVOLG, DienstSoort.ONDERZOEK],
            )
            .values_list("pk", flat=True)
            .first()
        )
    if dienst_id is None:
        return []
    return list(
        Veiligheidsvoorwaarde.objects.filter(dienst_id=dienst_id)
        .order_by("volgorde", "pk")
        .values_list("tekst", flat=True)
    )


def _brief_context(terugkoppeling: Terugkoppeling, nu: datetime | None) -> dict[str, object]:
    melding = terugkoppeling.melding
    return {
        "organisatie": organisatie_naam(),
        "datum": timezone.localdate(_nu(nu)),
        "melder": melding.melder,
        "ontvangen_op": timezone.localdate(melding.ontvangen_op),
        "melding_nummer": melding.nummer,
        "na_onderzoek": terugkoppeling.soort == TerugkoppelingSoort.NA_ONDERZOEK,
        "vervolg_gestart": terugkoppeling.vervolg_gestart,
        "overgenomen_door": terugkoppeling.overgenomen_door,
        "voorwaarden": terugkoppeling_voorwaarden(terugkoppeling),
    }


def terugkoppeling_brief_html(terugkoppeling: Terugkoppeling, *, nu: datetime | None = None) -> str:
    """The letter to the melder as HTML: whether follow-up started and who took over. It holds
    nothing the melder may not know: no names or details of the family, no signalen, no triage,
    no motivation."""
    return render_to_string(
        "diensten/terugkoppeling_brief.html", _brief_context(terugkoppeling, nu)
    )


def _pdf(html: str) -> bytes:
    import weasyprint  # lazy: heavy, and only needed here

    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _terugkoppeling_lock(terugkoppeling: Terugkoppeling) -> Terugkoppeling:
    locked = (
        Terugkoppeling.objects.select_for_update()
        .select_related("melding__melder__hoedanigheid", "melding__casus")
        .get(pk=terugkoppeling.pk)
    )
    if locked.melding.ambtshalve:
        raise ValidationError(
            {"__all__": ["Een ambtshalve melding heeft geen melder om terug te koppelen."]}
        )
    return locked


def _als_verstuurd_markeren(
    *, actor: AbstractBaseUser, locked: Terugkoppeling, nu: datetime, request: HttpRequest | None
) -> bool:
    """Marks the feedback sent (completing its task); True the first time."""
    if locked.status == TerugkoppelingStatus.VERSTUURD:
        return False
    locked.status = TerugkoppelingStatus.VERSTUURD
    locked.verstuurd_op = nu
    locked.save(update_fields=["status", "verstuurd_op"])
    if locked.taak_id is not None:
        taak = Taak.objects.get(pk=locked.taak_id)
        if taak.is_open:
            taak_afronden(actor=actor, taak=taak, op=nu, request=request)
    return True


@transaction.atomic
def terugkoppeling_brief(
    *,
    actor: AbstractBaseUser,
    terugkoppeling: Terugkoppeling,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> bytes:
    """Renders the feedback letter as PDF, marks the feedback sent (completing its task), and
    records it on the casus timeline and in the audit log."""
    nu = _nu(nu)
    locked = _terugkoppeling_lock(terugkoppeling)
    pdf = _pdf(terugkoppeling_brief_html(locked, nu=nu))
    eerste_keer = _als_verstuurd_markeren(actor=actor, locked=locked, nu=nu, request=request)
    if eerste_keer:
        journaal_add(
            actor=actor,
            casus=locked.melding.casus,
            soort=JournaalSoort.NOTITIE,
            tekst=f"Terugkoppelingsbrief aan de melder gemaakt ({locked.melding.nummer}).",
            moment=nu,
            nu=nu,
            request=request,
        )
    audit_event_record(
        event=Event.TERUGKOPPELINGSBRIEF_GEMAAKT,
        actor=actor,
        target=locked.melding,
        data={"terugkoppeling": locked.pk, "eerste_keer": eerste_keer},
        request=request,
    )
    return pdf


# --- Sending the feedback ------------------------------------------------------------------

Kanaal = Literal["brief", "email", "beide"]
#: The ways feedback can be sent, with their Dutch labels (the page offers these).
KANALEN: dict[str, str] = {
    "brief": "brief (PDF, per post)",
    "email": "e-mail",
    "beide": "e-mail met de brief als bijlage",
}
_KANAAL_TEKST = {"brief": "per brief", "email": "per e-mail", "beide": "per e-mail met brief"}


@dataclass(frozen=True)
class Verstuurd:
    """What :func:`terugkoppeling_versturen` did: the PDF (for "brief" and "beide") and
    whether an e-mail went out."""

    terugkoppeling: Terugkoppeling
    kanaal: str
    pdf: bytes | None
    email_verstuurd: bool


@transaction.atomic
def terugkoppeling_versturen(
    *,
    actor: AbstractBaseUser,
    terugkoppeling: Terugkoppeling,
    kanaal: Kanaal | str,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> Verstuurd:
    """Sends the feedback after the VB to the **melder** of the melding — by letter (PDF),
    e-mail, or e-mail with the letter attached ("beide") — and records it on the casus
    timeline (without the melder's identity) and in the audit log.

    The recipient is always ``melding.melder`` (DOMAIN §6): an informant — also a physician who
    acted only as informant — is never addressed and gets no standard feedback; a melder whose
    hoedanigheid is huisarts *is* a melder and does. The content says only whether follow-up
    started and who took over; a melder in a professional role also reads the safety
    conditions the V&V or Onderzoek set (:func:`terugkoppeling_voorwaarden`), never more.

    No e-mail address for "email"/"beide", an unknown kanaal or an ambtshalve melding: a
    :class:`ValidationError` and nothing written. The e-mail is sent last, inside the
    transaction: when the mail server refuses, everything is rolled back."""
    nu = _nu(nu)
    if kanaal not in KANALEN:
        raise ValidationError({"kanaal": ["Kies hoe de terugkoppeling verstuurd wordt."]})
    locked = _terugkoppeling_lock(terugkoppeling)
    melding = locked.melding
    melder = melding.melder
    per_email = kanaal in ("email", "beide")
    if per_email and not melder.email.strip():
        raise ValidationError(
            {
                "kanaal": [
                    "Van de melder is geen e-mailadres bekend. Verstuur de terugkoppeling per "
                    "brief, of vul eerst het e-mailadres van de melder in."
                ]
            }
        )
    html = terugkoppeling_brief_html(locked, nu=nu)
    pdf = _pdf(html) if kanaal in ("brief", "beide") else None
    eerste_keer = _als_verstuurd_markeren(actor=actor, locked=locked, nu=nu, request=request)
    journaal_add(
        actor=actor,
        casus=melding.casus,
        soort=JournaalSoort.NOTITIE,
        tekst=(
            f"Terugkoppeling aan de melder verstuurd {_KANAAL_TEKST[kanaal]} ({melding.nummer})."
        ),
        moment=nu,
        nu=nu,
        request=request,
    )
    audit_event_record(
        event=Event.TERUGKOPPELING_VERSTUURD,
        actor=actor,
        target=melding,
        data={"terugkoppeling": locked.pk, "kanaal": kanaal, "eerste_keer": eerste_keer},
        request=request,
    )
    if per_email:
        bericht = EmailMessage(
            subject=f"Terugkoppeling over uw melding bij {organisatie_naam()} ({melding.nummer})",
            body=render_to_string("diensten/terugkoppeling_email.txt", _brief_context(locked, nu)),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[melder.email.strip()],
        )
        if pdf is not None:
            bericht.attach(f"terugkoppeling-{melding.nummer}.pdf", pdf, "application/pdf")
        try:
            bericht.send(fail_silently=False)
        except (OSError, smtplib.SMTPException):
            raise ValidationError(
                {
                    "__all__": [
                        "De e-mail kon niet worden verstuurd (de mailserver is niet bereikbaar "
                        "of weigert). Er is niets vastgelegd; probeer het later opnieuw."
                    ]
                }
            ) from None
    return Verstuurd(terugkoppeling=locked, kanaal=kanaal, pdf=pdf, email_verstuurd=per_email)


# --- Letter to the family ------------------------------------------------------------------


def _ontvanger(melding: Melding, betrokkene_id: int, op: date) -> MeldingBetrokkene:
    for rij in brief_ontvangers(melding, op=op):
        if rij.betrokkene_id == betrokkene_id:
            return rij
    raise ValidationError(
        {"__all__": ["De brief gaat alleen naar een volwassen betrokkene van deze melding."]}
    )


def _wat_volgt(melding: Melding) -> tuple[str, str]:
    """(stand, partij): "open" (VB still running), or the confirmed besluit's soort code."""
    besluit = (
        Besluit.objects.filter(beoordeling__melding=melding, status=BesluitStatus.BEVESTIGD)
        .select_related("ketenpartner")
        .first()
    )
    if besluit is None:
        return "open", ""
    soort = BesluitSoort(besluit.soort)
    return soort.value, _overgenomen_door(soort, besluit)


def gezinsbrief_html(*, melding: Melding, betrokkene_id: int, nu: datetime | None = None) -> str:
    """The letter to one adult betrokkene (``betrokkene_id``, a Betrokkene of the melding) that
    VT received a melding about the family and what VT does next.

    Source protection by construction: the template gets only the addressee's own name and
    own non-secret current address, dates, the kenmerk and what follows — never the melder,
    an informant, the signalen, another person's data, or any *geheim* address (not even the
    addressee's own: such a letter can end up with the other party)."""
    nu = _nu(nu)
    vandaag = timezone.localdate(nu)
    rij = _ontvanger(melding, betrokkene_id, vandaag)
    persoon = rij.betrokkene.persoon
    adres = next(
        (
            a
            for a in Adres.objects.filter(persoon=persoon, geheim=False).order_by(
                "-geldig_van", "-pk"
            )
            if a.is_geldig_op(vandaag)
        ),
        None,
    )
    stand, partij = _wat_volgt(melding)
    return render_to_string(
        "diensten/gezinsbrief.html",
        {
            "organisatie": organisatie_naam(),
            "datum": vandaag,
            "naam": persoon.volledige_naam,
            "adres": (
                {
                    "regel1": f"{adres.straat} {adres.huisnummer}".strip(),
                    "regel2": f"{adres.postcode} {adres.woonplaats}".strip(),
                }
                if adres is not None
                else None
            ),
            "ontvangen_op": timezone.localdate(melding.ontvangen_op),
            "kenmerk": melding.nummer,
            "stand": stand,
            "partij": partij,
        },
    )


@transaction.atomic
def gezinsbrief(
    *,
    actor: AbstractBaseUser,
    melding: Melding,
    betrokkene_id: int,
    nu: datetime | None = None,
    request: HttpRequest | None = None,
) -> bytes:
    """:func:`gezinsbrief_html` as PDF, recorded on the casus timeline (without names) and in
    the audit log."""
    nu = _nu(nu)
    pdf = _pdf(gezinsbrief_html(melding=melding, betrokkene_id=betrokkene_id, nu=nu))
    journaal_add(
        actor=actor,
        casus=melding.casus,
        soort=JournaalSoort.NOTITIE,
        tekst=f"Brief aan een betrokkene over de melding gemaakt ({melding.nummer}).",
        moment=nu,
        nu=nu,
        request=request,
    )
    audit_event_record(
        event=Event.GEZINSBRIEF_GEMAAKT,
        actor=actor,
        target=melding,
        data={"betrokkene": betrokkene_id},
        request=request,
    )
    return pdf
